import { paperUrl } from '../../digest/compose';
import type { GqlPaper } from '../rest/hf-queries';
import { bylineOf, shownNames } from '../../lib/byline';

// Backslash-escapes the characters that would start Markdown syntax inside running text.
const inline = (text: string) => text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);

/** The paper as Markdown: title, authors, links, abstract, AI summary (for notebooks, LLM tools, pastes). */
export function paperMarkdown(paper: GqlPaper, publicBaseUrl: string): string {
  const links = [
    `- Page: ${paperUrl({ publicBaseUrl }, paper.arxivId)}`,
    `- arXiv: ${paper.arxivUrl}`,
    `- PDF: ${paper.pdfUrl}`,
    ...(paper.githubRepo ? [`- Code: ${paper.githubRepo}${paper.githubStars != null ? ` (${paper.githubStars} stars)` : ''}`] : []),
    ...(paper.projectPage ? [`- Project page: ${paper.projectPage}`] : []),
  ];
  const sections = [
    `# ${inline(paper.title)}`,
    `**Authors:** ${shownNames(bylineOf(paper.authors, paper.authorsHidden)).map(inline).join(', ')}`,
    `**Featured:** ${paper.day.date} · **Upvotes:** ${paper.upvoteCount}${paper.withdrawnAt ? ` · **Withdrawn:** ${paper.withdrawnAt.slice(0, 10)}` : ''}`,
    links.join('\n'),
    `## Abstract\n\n${inline(paper.abstract)}`,
    ...(paper.aiSummary ? [`## AI summary\n\n${inline(paper.aiSummary)}`] : []),
    ...(paper.aiKeywords.length > 0 ? [`**Keywords:** ${paper.aiKeywords.map(inline).join(', ')}`] : []),
  ];
  return `${sections.join('\n\n')}\n`;
}

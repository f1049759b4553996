import { escapeHtml, paperUrl, safeHttpUrl } from '../../digest/compose';
import type { GqlPaper } from '../rest/hf-queries';
import { bylineOf, shownNames } from '../../lib/byline';

// The page behind every paper link we hand out (digest mails, feeds): small, server-rendered, no
// script, with Open Graph and Twitter card tags so a pasted link unfurls in chat apps.

export const PAGE_SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https: http:; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
} as const;

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}' +
  'h1{font-size:1.5em;line-height:1.25}.meta{color:#555}ul.links{padding-left:1.2em}blockquote{margin:0;padding-left:1em;border-left:3px solid #ddd}';

/** Open Graph descriptions are cut at a sentence-ish boundary; chat apps show ~200 characters. */
function excerpt(text: string, max = 280): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}

function page(head: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">${head}<style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function paperPageHtml(paper: GqlPaper, publicBaseUrl: string): string {
  const url = paperUrl({ publicBaseUrl }, paper.arxivId);
  const description = excerpt(paper.abstract);
  const thumbnail = safeHttpUrl(paper.thumbnailUrl);
  const meta = (property: string, content: string) => `<meta property="${property}" content="${escapeHtml(content)}">`;
  const head = [
    `<title>${escapeHtml(paper.title)}</title>`,
    `<meta name="description" content="${escapeHtml(description)}">`,
    `<link rel="canonical" href="${escapeHtml(url)}">`,
    `<link rel="alternate" type="text/markdown" href="${escapeHtml(`${url}.md`)}">`,
    meta('og:type', 'article'),
    meta('og:site_name', 'Daily Papers'),
    meta('og:title', paper.title),
    meta('og:description', description),
    meta('og:url', url),
    ...(thumbnail ? [meta('og:image', thumbnail)] : []),
    `<meta name="twitter:card" content="${thumbnail ? 'summary_large_image' : 'summary'}">`,
  ].join('');
  const link = (href: string | null, label: string) => (href ? `<li><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></li>` : '');
  const github = safeHttpUrl(paper.githubRepo);
  const body = [
    `<h1>${escapeHtml(paper.title)}</h1>`,
    `<p class="authors">${shownNames(bylineOf(paper.authors, paper.authorsHidden)).map(escapeHtml).join(', ')}</p>`,
    `<p class="meta">Featured ${escapeHtml(paper.day.date)} · <strong class="upvotes">${paper.upvoteCount}</strong> upvote${paper.upvoteCount === 1 ? '' : 's'}` +
      `${paper.withdrawnAt ? ` · withdrawn ${escapeHtml(paper.withdrawnAt.slice(0, 10))}` : ''}</p>`,
    '<ul class="links">',
    link(paper.arxivUrl, `arXiv ${paper.arxivId}`),
    link(paper.pdfUrl, 'PDF'),
    link(github, paper.githubStars != null ? `Code (${paper.githubStars} stars)` : 'Code'),
    link(safeHttpUrl(paper.projectPage), 'Project page'),
    link(`${url}.md`, 'Markdown'),
    '</ul>',
    `<h2>Abstract</h2><p class="abstract">${escapeHtml(paper.abstract)}</p>`,
    paper.aiSummary ? `<h2>AI summary</h2><blockquote>${escapeHtml(paper.aiSummary)}</blockquote>` : '',
  ].join('');
  return page(head, body);
}

export function notFoundPageHtml(message: string): string {
  return page('<title>Paper not found</title>', `<h1>Paper not found</h1><p>${escapeHtml(message)}</p>`);
}

import type { Db } from '../db/client';
import { topPapers } from '../db/queries/trending';
import { shownNames } from '../lib/byline';
import { periodRange } from '../lib/day-range';
import { trendingOrdering } from '../services/paper-orderings';
import type { DigestPeriod } from './period';

/** A paper as a digest shows it. */
export interface DigestPaper {
  readonly id: string;
  readonly title: string;
  readonly authors: readonly string[];
  readonly upvoteCount: number;
  readonly githubRepo: string | null;
}

/**
 * The period's trending papers, ranked exactly as the `trending` query ranks them (most upvoted,
 * ties by arXiv id, withdrawn papers left out), with their bylines as people are shown them (lib/byline.ts). Two statements
 * whatever the limit: the page, then every byline at once.
 */
export async function topPapersOfPeriod(db: Db, period: DigestPeriod, limit: number): Promise<DigestPaper[]> {
  const page = await topPapers(db, {
    range: periodRange(period.frequency === 'DAILY' ? 'DAY' : 'WEEK', period.from),
    ordering: trendingOrdering('UPVOTES'),
    page: { direction: 'forward', limit },
  });
  const ids = page.nodes.map((paper) => paper.id);
  const links =
    ids.length === 0
      ? []
      : await db.prisma.paperAuthor.findMany({
          where: { paperId: { in: ids } },
          orderBy: [{ paperId: 'asc' }, { position: 'asc' }],
          select: { paperId: true, hidden: true, author: { select: { name: true } } },
        });
  const bylines = new Map<string, Array<{ name: string; hidden: boolean }>>();
  for (const link of links) bylines.set(link.paperId, [...(bylines.get(link.paperId) ?? []), { name: link.author.name, hidden: link.hidden }]);
  return page.nodes.map((paper) => ({
    id: paper.id,
    title: paper.title,
    authors: shownNames(bylines.get(paper.id) ?? []),
    upvoteCount: paper.upvoteCount,
    githubRepo: paper.githubRepo,
  }));
}

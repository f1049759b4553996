import type { Db } from '../client';
import type { CursorValue } from '../../lib/cursor';
import type { Page, PageRequest } from '../../lib/page';
import type { PaperRecord } from '../records';
import { periodRange, type DayRange, type Period } from './date-range';
import { keysetPage, type KeysetOrdering, type SortKey } from './keyset';

export type TrendingBy = 'UPVOTES' | 'GITHUB_STARS';

const asNumber = (value: CursorValue) => (value === null ? null : Number(value));

const upvotes: SortKey<PaperRecord> = { field: 'upvoteCount', direction: 'desc', read: (p) => p.upvoteCount, parse: asNumber };
const stars: SortKey<PaperRecord> = { field: 'githubStars', direction: 'desc', nulls: 'last', read: (p) => p.githubStars, parse: asNumber };
const arxivId: SortKey<PaperRecord> = { field: 'id', direction: 'asc', read: (p) => p.id, parse: (v) => String(v) };

/**
 * Most upvoted first (ties: arXiv id ascending); by stars: most GitHub stars first, papers
 * without a repository last, ties by upvotes then arXiv id — the same rule the schema documents.
 */
export function trendingOrdering(by: TrendingBy): KeysetOrdering<PaperRecord> {
  return by === 'UPVOTES'
    ? { kind: 'trending:UPVOTES', keys: [upvotes, arxivId] }
    : { kind: 'trending:GITHUB_STARS', keys: [stars, upvotes, arxivId] };
}

export interface TopPapersOptions {
  readonly period: Period;
  /** Any day inside the period (UTC). */
  readonly date: Date;
  readonly by: TrendingBy;
  /** A page request (see lib/page-request.ts); `{ direction: 'forward', limit: 10 }` for a plain top 10. */
  readonly page: PageRequest;
}

/** The range of featured days a trending period covers. */
export function trendingRange(period: Period, date: Date): DayRange {
  return periodRange(period, date);
}

/**
 * The trending papers of a period: papers featured on a day inside it, withdrawn papers left
 * out, ranked by `by`. Reusable outside GraphQL (the email digest): `page.nodes` are full rows.
 */
export function topPapers(db: Db, options: TopPapersOptions): Promise<Page<PaperRecord>> {
  const range = trendingRange(options.period, options.date);
  const where = { dayDate: { gte: range.from, lte: range.to }, withdrawnAt: null };
  return keysetPage(
    trendingOrdering(options.by),
    options.page,
    where,
    (query) => db.prisma.paper.findMany(query),
    () => db.prisma.paper.count({ where }),
  );
}

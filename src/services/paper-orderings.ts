import type { PaperCard } from '../db/records';
import { cursorDate, cursorInteger, cursorString, orNull, type KeysetOrdering, type SortKey } from '../lib/paging/keyset';
import { isoDay } from '../lib/day';

// The orders papers can be listed in, as the API names them, and the keyset each one pages by.
// Every key is a PaperCard column, so a page of cards (db/records.ts) pages like whole records.

export type PaperOrderField = 'FEATURED_DAY' | 'UPVOTES' | 'PUBLISHED_AT';
export type SortDirection = 'ASC' | 'DESC';
export type TrendingBy = 'UPVOTES' | 'GITHUB_STARS';

const byId: SortKey<PaperCard> = { field: 'id', direction: 'asc', read: (p) => p.id, parse: cursorString };

function key(field: PaperOrderField, direction: 'asc' | 'desc'): SortKey<PaperCard> {
  switch (field) {
    case 'FEATURED_DAY':
      return { field: 'dayDate', direction, read: (p) => isoDay(p.dayDate), parse: cursorDate };
    case 'UPVOTES':
      return { field: 'upvoteCount', direction, read: (p) => p.upvoteCount, parse: cursorInteger };
    case 'PUBLISHED_AT':
      return {
        field: 'publishedAt',
        direction,
        nulls: 'last',
        read: (p) => p.publishedAt?.toISOString() ?? null,
        parse: orNull(cursorDate),
      };
  }
}

/**
 * Every paper ordering ends with the arXiv id (unique) so pages never overlap or skip. The
 * featured-day ordering ranks a day's papers by upvotes, as the daily page shows them.
 */
export function paperOrdering(field: PaperOrderField, direction: SortDirection): KeysetOrdering<PaperCard> {
  const dir = direction === 'ASC' ? 'asc' : 'desc';
  const keys = field === 'FEATURED_DAY' ? [key('FEATURED_DAY', dir), key('UPVOTES', 'desc'), byId] : [key(field, dir), byId];
  return { kind: `paper:${field}:${direction}`, keys };
}

const upvotes: SortKey<PaperCard> = { field: 'upvoteCount', direction: 'desc', read: (p) => p.upvoteCount, parse: cursorInteger };
const stars: SortKey<PaperCard> = {
  field: 'githubStars',
  direction: 'desc',
  nulls: 'last',
  read: (p) => p.githubStars,
  parse: orNull(cursorInteger),
};

/**
 * Most upvoted first (ties: arXiv id ascending); by stars: most GitHub stars first, papers
 * without a repository last, ties by upvotes then arXiv id — the same rule the schema documents.
 */
export function trendingOrdering(by: TrendingBy): KeysetOrdering<PaperCard> {
  return by === 'UPVOTES' ? { kind: 'trending:UPVOTES', keys: [upvotes, byId] } : { kind: 'trending:GITHUB_STARS', keys: [stars, upvotes, byId] };
}

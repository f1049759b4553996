import type { CursorValue } from '../../lib/cursor';
import type { PaperRecord } from '../records';
import type { KeysetOrdering, SortKey } from './keyset';

const day = (value: Date) => value.toISOString().slice(0, 10);
const asDate = (value: CursorValue) => new Date(String(value));
const asNumber = (value: CursorValue) => Number(value);
const asString = (value: CursorValue) => String(value);

export type PaperOrderField = 'FEATURED_DAY' | 'UPVOTES' | 'PUBLISHED_AT';
export type SortDirection = 'ASC' | 'DESC';

const byId: SortKey<PaperRecord> = { field: 'id', direction: 'asc', read: (p) => p.id, parse: asString };

function key(field: PaperOrderField, direction: 'asc' | 'desc'): SortKey<PaperRecord> {
  switch (field) {
    case 'FEATURED_DAY':
      return { field: 'dayDate', direction, read: (p) => day(p.dayDate), parse: asDate };
    case 'UPVOTES':
      return { field: 'upvoteCount', direction, read: (p) => p.upvoteCount, parse: asNumber };
    case 'PUBLISHED_AT':
      return {
        field: 'publishedAt',
        direction,
        nulls: 'last',
        read: (p) => p.publishedAt?.toISOString() ?? null,
        parse: (value) => (value === null ? null : asDate(value)),
      };
  }
}

/**
 * Every paper ordering ends with the arXiv id (unique) so pages never overlap or skip. The
 * featured-day ordering ranks a day's papers by upvotes, as the daily page shows them.
 */
export function paperOrdering(field: PaperOrderField, direction: SortDirection): KeysetOrdering<PaperRecord> {
  const dir = direction === 'ASC' ? 'asc' : 'desc';
  const keys =
    field === 'FEATURED_DAY'
      ? [key('FEATURED_DAY', dir), key('UPVOTES', 'desc'), byId]
      : [key(field, dir), byId];
  return { kind: `paper:${field}:${direction}`, keys };
}

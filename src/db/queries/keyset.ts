import { decodeCursor, encodeCursor, type CursorValue } from '../../lib/cursor';
import { lazy } from '../../lib/lazy';
import type { Page, PageRequest } from '../../lib/page';

/** One column of a keyset ordering; the last key of every ordering must be unique (the tie-breaker). */
export interface SortKey<Row> {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
  /** Nullable keys sort their nulls last in the key's own direction (first when paging backwards). */
  readonly nulls?: 'first' | 'last';
  /** The row's value as it goes into a cursor (JSON-safe). */
  readonly read: (row: Row) => CursorValue;
  /** The cursor value as Prisma compares it (Dates back from ISO strings). */
  readonly parse: (value: CursorValue) => unknown;
}

export interface KeysetOrdering<Row> {
  /** Tags cursors so that one ordering's cursor is refused by another. */
  readonly kind: string;
  readonly keys: ReadonlyArray<SortKey<Row>>;
}

type Where = Record<string, unknown>;

function flip<Row>(key: SortKey<Row>): SortKey<Row> {
  return {
    ...key,
    direction: key.direction === 'asc' ? 'desc' : 'asc',
    ...(key.nulls && { nulls: key.nulls === 'last' ? 'first' : 'last' }),
  };
}

/** Rows strictly beyond value in the key's order; null values sit at the key's nulls end. */
function beyond<Row>(key: SortKey<Row>, value: unknown): Where | null {
  if (value === null) return key.nulls === 'first' ? { [key.field]: { not: null } } : null;
  const strictly = { [key.field]: { [key.direction === 'asc' ? 'gt' : 'lt']: value } };
  return key.nulls === 'last' ? { OR: [strictly, { [key.field]: null }] } : strictly;
}

/**
 * The Prisma condition for "strictly after these key values" in the given ordering:
 * (k1 beyond v1) OR (k1 = v1 AND k2 beyond v2) OR … each following its key's direction and nulls.
 */
export function keysetAfter<Row>(keys: ReadonlyArray<SortKey<Row>>, values: readonly unknown[]): Where {
  const branches = keys.flatMap((key, index) => {
    const condition = beyond(key, values[index]);
    if (!condition) return [];
    const equalities = keys.slice(0, index).map((prior, i) => ({ [prior.field]: values[i] }));
    return [{ AND: [...equalities, condition] }];
  });
  return { OR: branches };
}

export interface FindPage<Row> {
  (query: { where: Where; orderBy: Where[]; take: number }): Promise<Row[]>;
}

/**
 * Fetches one page by keyset: limit + 1 rows tell whether another page exists. Backward pages
 * are read in reversed order and flipped back, so both directions share one index scan shape.
 */
export async function keysetPage<Row>(
  ordering: KeysetOrdering<Row>,
  request: PageRequest,
  where: Where,
  find: FindPage<Row>,
  count: () => Promise<number>,
): Promise<Page<Row>> {
  const forward = request.direction === 'forward';
  const cursor = forward ? request.after : request.before;
  const keys = forward ? ordering.keys : ordering.keys.map(flip);
  const conditions: Where[] = [where];
  if (cursor !== undefined) {
    const values = decodeCursor(cursor, ordering.kind, keys.length, forward ? 'after' : 'before');
    conditions.push(keysetAfter(keys, values.map((value, i) => keys[i].parse(value))));
  }
  const rows =
    request.limit === 0
      ? []
      : await find({
          where: { AND: conditions },
          orderBy: keys.map((key) => ({ [key.field]: key.nulls ? { sort: key.direction, nulls: key.nulls } : key.direction })),
          take: request.limit + 1,
        });
  const hasMore = rows.length > request.limit;
  const pageRows = rows.slice(0, request.limit);
  if (!forward) pageRows.reverse();
  const edges = pageRows.map((node) => ({ node, cursor: cursorOf(ordering, node) }));
  return {
    edges,
    nodes: pageRows,
    pageInfo: {
      hasNextPage: forward ? hasMore : cursor !== undefined,
      hasPreviousPage: forward ? cursor !== undefined : hasMore,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: lazy(count),
  };
}

export function cursorOf<Row>(ordering: KeysetOrdering<Row>, row: Row): string {
  return encodeCursor(ordering.kind, ordering.keys.map((key) => key.read(row)));
}

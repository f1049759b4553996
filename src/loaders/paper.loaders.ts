import { Prisma } from '../db/generated/client';
import type { Db } from '../db/client';
import type { PaperCard, PaperRecord } from '../db/records';
import { PAPER_COLUMNS } from '../db/queries/paper-columns';
import type { BylineAuthor } from '../db/queries/byline-json';
import { papersOfParents, type PaperColumns, type PaperOfParent, type PaperParent } from '../db/queries/papers-by-parent';
import { buildPage } from '../lib/paging/build-page';
import { cursorOf, type KeysetOrdering, type KeysetSeek } from '../lib/paging/keyset';
import type { ForwardPageRequest, Page } from '../lib/paging/page';
import { groupBy } from './group-by';

/** Papers by arXiv id, null for unknown ids, in key order. */
export async function papersById(db: Db, ids: readonly string[]): Promise<Array<PaperRecord | null>> {
  const rows = await db.read<PaperRecord>(Prisma.sql`/* papersById */ SELECT ${PAPER_COLUMNS} FROM papers p WHERE p.id = ANY(${[...ids]}::text[])`);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** One nested page of a parent's papers: what a `papers(orderBy, first, after)` field asks for. */
export interface PapersOfParentKey {
  readonly parent: PaperParent;
  readonly parentId: string | number;
  readonly ordering: KeysetOrdering<PaperCard>;
  readonly request: ForwardPageRequest;
  /** seekOf(ordering, request), checked by the caller: a bad cursor fails its own field, not the batch. */
  readonly seek: KeysetSeek<PaperCard>;
  /** What each paper brings along, so its fields need no statement of their own. */
  readonly extras: PaperPageExtras;
}

/**
 * What a page of papers reads along with each paper: its byline (primes authorsByPaperId) and
 * whether the viewer upvoted it (primes viewerHasUpvoted); and whether the card's columns are
 * enough (all columns prime paperById). Connection resolvers set it from what their nodes select.
 */
export interface PaperPageExtras {
  readonly bylines: boolean;
  readonly viewerHasUpvoted: boolean;
  readonly columns: PaperColumns;
}

export const NO_EXTRAS: PaperPageExtras = { bylines: false, viewerHasUpvoted: false, columns: 'all' };

/** Where a page puts what it brought along: the loaders that would otherwise read it. */
export interface PaperExtrasSink {
  /** The viewer whose upvotes to read; null for anonymous requests (nothing to read). */
  readonly viewerId: number | null;
  byline(paperId: string, authors: BylineAuthor[]): void;
  upvoted(paperId: string, upvoted: boolean): void;
  /** A paper read with every column: later fields of the response load it for free. */
  record(paper: PaperRecord): void;
}

/** Keys that ask for the same page of different parents. */
const pageOf = (key: PapersOfParentKey) => [
  key.parent,
  key.ordering.kind,
  key.request.limit,
  key.request.after ?? null,
  key.extras.bylines,
  key.extras.viewerHasUpvoted,
  key.extras.columns,
];

export const papersOfParentCacheKey = (key: PapersOfParentKey) => JSON.stringify([key.parentId, ...pageOf(key)]);

/**
 * Nested paper pages for many parents: keys that share parent kind, ordering, size and cursor
 * (every author of a list asking for its first 5 papers) are one window-function statement.
 */
export async function papersOfParent(
  db: Db,
  keys: readonly PapersOfParentKey[],
  countFor: (key: PapersOfParentKey) => Promise<number>,
  sink: PaperExtrasSink,
): Promise<Array<Page<PaperCard>>> {
  const groups = groupBy(keys, (key) => JSON.stringify(pageOf(key)));
  const papersByKey = new Map<PapersOfParentKey, PaperCard[]>();
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const [{ parent, seek, extras }] = group;
      const byParent: Map<string | number, PaperOfParent[]> =
        seek.take === 0
          ? new Map()
          : await papersOfParents(db, {
              parent,
              parentIds: group.map((key) => key.parentId),
              seek,
              bylines: extras.bylines,
              upvotedBy: extras.viewerHasUpvoted ? sink.viewerId : null,
              columns: extras.columns,
            });
      for (const rows of byParent.values()) {
        for (const { paper, record, byline, upvoted } of rows) {
          if (record) sink.record(record);
          if (byline) sink.byline(paper.id, byline);
          if (upvoted !== undefined) sink.upvoted(paper.id, upvoted);
        }
      }
      for (const key of group)
        papersByKey.set(
          key,
          (byParent.get(key.parentId) ?? []).map((row) => row.paper),
        );
    }),
  );
  return keys.map((key) =>
    buildPage({
      rows: papersByKey.get(key) ?? [],
      request: key.request,
      cursorOf: (row) => cursorOf(key.ordering, row),
      count: () => countFor(key),
    }),
  );
}

/** How many papers each author is in the byline of (each paper once), in key order. */
export async function paperCountsByAuthor(db: Db, authorIds: readonly number[]): Promise<number[]> {
  const rows = await db.read<{ authorId: number; count: number }>(Prisma.sql`/* paperCountsByAuthor */
    SELECT author_id AS "authorId", COUNT(DISTINCT paper_id)::int AS count
    FROM paper_authors WHERE author_id = ANY(${[...authorIds]}::int[]) GROUP BY author_id`);
  const byId = new Map(rows.map((row) => [row.authorId, row.count]));
  return authorIds.map((id) => byId.get(id) ?? 0);
}

/** How many papers were featured on each day ("YYYY-MM-DD"), in key order. */
export async function paperCountsByDay(db: Db, days: readonly string[]): Promise<number[]> {
  const rows = await db.read<{ day: string; count: number }>(Prisma.sql`/* paperCountsByDay */
    SELECT day_date::text AS day, COUNT(*)::int AS count
    FROM papers WHERE day_date = ANY(${[...days]}::date[]) GROUP BY day_date`);
  const byDay = new Map(rows.map((row) => [row.day, row.count]));
  return days.map((day) => byDay.get(day) ?? 0);
}

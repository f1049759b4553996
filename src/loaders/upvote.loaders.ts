import { Prisma } from '../db/generated/client';
import type { Db } from '../db/client';
import type { UserRecord } from '../db/records';
import { buildPage } from '../lib/paging/build-page';
import { cursorDate, cursorInteger, cursorOf, type KeysetOrdering, type KeysetSeek } from '../lib/paging/keyset';
import type { ForwardPageRequest, Page } from '../lib/paging/page';
import { groupBy } from './group-by';

/** Whether the user has upvoted each paper, in key order. */
export async function upvotedByUser(db: Db, userId: number, paperIds: readonly string[]): Promise<boolean[]> {
  const rows = await db.read<{ paperId: string }>(Prisma.sql`/* upvotedByUser */
    SELECT paper_id AS "paperId" FROM upvotes WHERE user_id = ${userId} AND paper_id = ANY(${[...paperIds]}::text[])`);
  const upvoted = new Set(rows.map((row) => row.paperId));
  return paperIds.map((id) => upvoted.has(id));
}

/** Upvotes cast here per paper (the imported baseline excluded), in key order. */
export async function localUpvoteCounts(db: Db, paperIds: readonly string[]): Promise<number[]> {
  const rows = await db.prisma.upvote.groupBy({ by: ['paperId'], where: { paperId: { in: [...paperIds] } }, _count: { _all: true } });
  const counts = new Map(rows.map((row) => [row.paperId, row._count._all]));
  return paperIds.map((id) => counts.get(id) ?? 0);
}

type UpvoterRow = UserRecord & { paperId: string; upvotedAt: Date };

/** Newest upvote first, ties by user id: the order the statement below reads (cursor [upvote time ISO, user id]). */
export const UPVOTERS: KeysetOrdering<UpvoterRow> = {
  kind: 'upvoters',
  keys: [
    { field: 'upvotedAt', direction: 'desc', read: (row) => row.upvotedAt.toISOString(), parse: cursorDate },
    { field: 'userId', direction: 'desc', read: (row) => row.id, parse: cursorInteger },
  ],
};

export interface UpvotersKey {
  readonly paperId: string;
  readonly request: ForwardPageRequest;
  /** seekOf(UPVOTERS, request), checked by the caller: a bad cursor fails its own field, not the batch. */
  readonly seek: KeysetSeek<UpvoterRow>;
}

/** Keys that ask for the same page of different papers. */
const pageOf = (key: UpvotersKey) => `${key.request.limit}|${key.request.after ?? ''}`;

export const upvotersCacheKey = (key: UpvotersKey) => `${key.paperId}|${pageOf(key)}`;

/**
 * One page of upvoters (newest upvote first, ties by user id) for each key. Keys that share
 * page arguments, e.g. every paper of a list asking `upvoters(first: 5)`, are read with one
 * LATERAL query, so the statement count does not grow with the number of papers.
 */
export async function upvotersByPaper(db: Db, keys: readonly UpvotersKey[], countFor: (paperId: string) => Promise<number>): Promise<Array<Page<UserRecord>>> {
  const groups = groupBy(keys, pageOf);
  const rowsByKey = new Map<UpvotersKey, UpvoterRow[]>();
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const { seek } = group[0];
      const [afterAt, afterUser] = seek.after ?? [null, null];
      const rows =
        seek.take === 0
          ? []
          : await db.read<UpvoterRow>(Prisma.sql`/* upvotersByPaperIds */
            SELECT p.id AS "paperId", v.created_at AS "upvotedAt", u.id, u.handle, u.display_name AS "displayName",
                   u.avatar_url AS "avatarUrl", u.created_at AS "createdAt"
            FROM unnest(${group.map((key) => key.paperId)}::text[]) AS p(id)
            CROSS JOIN LATERAL (
              SELECT up.user_id, up.created_at FROM upvotes up
              WHERE up.paper_id = p.id
                AND (${afterAt}::timestamptz IS NULL OR (up.created_at, up.user_id) < (${afterAt}::timestamptz, ${afterUser}::int))
              ORDER BY up.created_at DESC, up.user_id DESC
              LIMIT ${seek.take}
            ) v
            JOIN users u ON u.id = v.user_id
            ORDER BY p.id, v.created_at DESC, v.user_id DESC`);
      const byPaper = groupBy(rows, (row) => row.paperId);
      for (const key of group) rowsByKey.set(key, byPaper.get(key.paperId) ?? []);
    }),
  );
  return keys.map((key) =>
    buildPage({
      rows: rowsByKey.get(key) ?? [],
      request: key.request,
      cursorOf: (row) => cursorOf(UPVOTERS, row),
      nodeOf: ({ paperId: _paperId, upvotedAt: _upvotedAt, ...user }): UserRecord => user,
      count: () => countFor(key.paperId),
    }),
  );
}

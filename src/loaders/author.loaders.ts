import { Prisma } from '../db/generated/client';
import type { Db } from '../db/client';
import type { AuthorRecord } from '../db/records';
import type { BylineAuthor } from '../db/queries/byline-json';
import { groupBy } from './group-by';

export type { BylineAuthor };

interface BylineRow extends BylineAuthor {
  paperId: string;
}

/** Each paper's authors in byline order; one statement per batch. */
export async function authorsByPaperId(db: Db, paperIds: readonly string[]): Promise<BylineAuthor[][]> {
  const rows = await db.read<BylineRow>(Prisma.sql`/* authorsByPaperId */
    SELECT pa.paper_id AS "paperId", a.id, a.name, a.handle, pa.hidden
    FROM paper_authors pa JOIN authors a ON a.id = pa.author_id
    WHERE pa.paper_id = ANY(${[...paperIds]}::text[])
    ORDER BY pa.paper_id, pa.position`);
  const byPaper = groupBy(rows, (row) => row.paperId);
  return paperIds.map((id) => (byPaper.get(id) ?? []).map(({ paperId: _paperId, ...author }) => author));
}

/** An author with how many papers name it (each paper once). */
export interface AuthorWithCount {
  readonly author: AuthorRecord;
  readonly paperCount: number;
}

/**
 * Authors by id with their paper counts, null for unknown ids, in key order; one statement.
 * The count comes along (an index-only count over paper_authors) because a page that shows an
 * author nearly always shows how many papers it has: one round trip less per author page.
 */
export async function authorsById(db: Db, ids: readonly number[]): Promise<Array<AuthorWithCount | null>> {
  const rows = await db.read<AuthorRecord & { paperCount: number }>(Prisma.sql`/* authorsById */
    SELECT a.id, a.name, a.handle, a.match_key AS "matchKey", a.created_at AS "createdAt",
      (SELECT COUNT(DISTINCT pa.paper_id)::int FROM paper_authors pa WHERE pa.author_id = a.id) AS "paperCount"
    FROM authors a WHERE a.id = ANY(${[...ids]}::int[])`);
  const byId = new Map(rows.map(({ paperCount, ...author }) => [author.id, { author, paperCount }]));
  return ids.map((id) => byId.get(id) ?? null);
}

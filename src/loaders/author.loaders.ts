import { Prisma } from '../db/generated/client';
import type { Db } from '../db/client';
import type { AuthorRecord } from '../db/records';
import { groupBy } from './group-by';

interface BylineRow extends AuthorRecord {
  paperId: string;
}

/** Each paper's authors in byline order; one statement per batch. */
export async function authorsByPaperId(db: Db, paperIds: readonly string[]): Promise<AuthorRecord[][]> {
  const rows = await db.read<BylineRow>(Prisma.sql`/* authorsByPaperId */
    SELECT pa.paper_id AS "paperId", a.id, a.name, a.handle, a.match_key AS "matchKey", a.created_at AS "createdAt"
    FROM paper_authors pa JOIN authors a ON a.id = pa.author_id
    WHERE pa.paper_id = ANY(${[...paperIds]}::text[])
    ORDER BY pa.paper_id, pa.position`);
  const byPaper = groupBy(rows, (row) => row.paperId);
  return paperIds.map((id) =>
    (byPaper.get(id) ?? []).map(({ paperId: _paperId, ...author }) => author),
  );
}

/** Authors by id, null for unknown ids, in key order. */
export async function authorsById(db: Db, ids: readonly number[]): Promise<Array<AuthorRecord | null>> {
  const rows = await db.read<AuthorRecord>(Prisma.sql`/* authorsById */
    SELECT a.id, a.name, a.handle, a.match_key AS "matchKey", a.created_at AS "createdAt" FROM authors a WHERE a.id = ANY(${[...ids]}::int[])`);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

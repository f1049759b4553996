import type { Db } from '../client';
import { Prisma } from '../generated/client';
import type { PaperRecord } from '../records';
import type { KeysetSeek } from '../../lib/paging/keyset';
import { ORDER_COLUMNS, PAPER_COLUMNS } from './paper-columns';
import { sqlKeysetAfter, sqlOrderBy } from './keyset';

/** Whose papers: an author's (by author id) or a featured day's (by "YYYY-MM-DD"). */
export type PaperParent = 'author' | 'day';

export interface PapersOfParentsQuery {
  readonly parent: PaperParent;
  readonly parentIds: ReadonlyArray<string | number>;
  /** The validated read (lib/paging/keyset.ts), shared by every parent of the batch; `take` rows per parent. */
  readonly seek: KeysetSeek<PaperRecord>;
}

type Row = PaperRecord & { parentId: string | number };

/**
 * The first `limitPerParent` papers of each parent in one statement: ROW_NUMBER() over a
 * partition per parent, so a list of 100 authors with their papers costs one query, not 100.
 */
export async function papersOfParents(db: Db, query: PapersOfParentsQuery): Promise<Map<string | number, PaperRecord[]>> {
  const orderBy = sqlOrderBy(query.seek.keys, ORDER_COLUMNS);
  const after = sqlKeysetAfter(query.seek, ORDER_COLUMNS);
  const rows =
    query.parent === 'author'
      ? await db.read<Row>(Prisma.sql`/* papersOfAuthors */
          SELECT * FROM (
            SELECT a.author_id AS "parentId", ${PAPER_COLUMNS},
              ROW_NUMBER() OVER (PARTITION BY a.author_id ORDER BY ${orderBy}) AS rn
            FROM (SELECT DISTINCT author_id, paper_id FROM paper_authors WHERE author_id = ANY(${query.parentIds.map(Number)}::int[])) a
            JOIN papers p ON p.id = a.paper_id
            WHERE ${after}
          ) ranked
          WHERE rn <= ${query.seek.take}
          ORDER BY "parentId", rn`)
      : await db.read<Row>(Prisma.sql`/* papersOfDays */
          SELECT * FROM (
            SELECT p.day_date::text AS "parentId", ${PAPER_COLUMNS},
              ROW_NUMBER() OVER (PARTITION BY p.day_date ORDER BY ${orderBy}) AS rn
            FROM papers p
            WHERE p.day_date = ANY(${query.parentIds.map(String)}::date[]) AND ${after}
          ) ranked
          WHERE rn <= ${query.seek.take}
          ORDER BY "parentId", rn`);
  const byParent = new Map<string | number, PaperRecord[]>();
  for (const { parentId, rn: _rn, ...paper } of rows as Array<Row & { rn?: unknown }>) {
    const list = byParent.get(parentId);
    if (list) list.push(paper);
    else byParent.set(parentId, [paper]);
  }
  return byParent;
}

import type { Db } from '../client';
import { Prisma } from '../generated/client';
import type { PaperCard, PaperRecord } from '../records';
import type { KeysetSeek } from '../../lib/paging/keyset';
import { bylineJson, parseBylineJson, type BylineAuthor } from './byline-json';
import { ORDER_COLUMNS, PAPER_CARD_COLUMNS, PAPER_COLUMNS } from './paper-columns';
import { sqlKeysetAfter, sqlOrderBy } from './keyset';

/** Whose papers: an author's (by author id) or a featured day's (by "YYYY-MM-DD"). */
export type PaperParent = 'author' | 'day';

export interface PapersOfParentsQuery {
  readonly parent: PaperParent;
  readonly parentIds: ReadonlyArray<string | number>;
  /** The validated read (lib/paging/keyset.ts), shared by every parent of the batch; `take` rows per parent. */
  readonly seek: KeysetSeek<PaperCard>;
  /** Read the PaperCard columns only, or every column (a PaperRecord). */
  readonly columns: PaperColumns;
  /** Bring each paper's byline along (when the page's nodes select `authors`). */
  readonly bylines: boolean;
  /** Bring along whether this user upvoted each paper; null for no one. */
  readonly upvotedBy: number | null;
}

/** Which columns a page of papers reads: a list's (db/records.ts PaperCard) or all of them. */
export type PaperColumns = 'card' | 'all';

/** A paper of a parent's page, with what the query asked to bring along. */
export interface PaperOfParent {
  readonly paper: PaperCard;
  /** The same row as a whole record, when the query read every column. */
  readonly record?: PaperRecord;
  readonly byline?: BylineAuthor[];
  readonly upvoted?: boolean;
}

type Row = PaperCard & { parentId: string | number; rn?: unknown; byline?: unknown; upvoted?: boolean };

/**
 * The first `take` papers of each parent in one statement: ROW_NUMBER() over a partition per
 * parent, so a list of 100 authors with their papers costs one query, not 100. The byline and
 * the viewer's upvote are computed in the outer select, for the kept rows only (the window has to
 * see every paper of a parent; the outer filter cannot be pushed into it).
 */
export async function papersOfParents(db: Db, query: PapersOfParentsQuery): Promise<Map<string | number, PaperOfParent[]>> {
  const columns = query.columns === 'card' ? PAPER_CARD_COLUMNS : PAPER_COLUMNS;
  const orderBy = sqlOrderBy(query.seek.keys, ORDER_COLUMNS);
  const after = sqlKeysetAfter(query.seek, ORDER_COLUMNS);
  const extras = Prisma.sql`${query.bylines ? Prisma.sql`, ${bylineJson(Prisma.sql`ranked.id`)} AS byline` : Prisma.empty}${
    query.upvotedBy === null
      ? Prisma.empty
      : Prisma.sql`, EXISTS (SELECT 1 FROM upvotes u WHERE u.user_id = ${query.upvotedBy} AND u.paper_id = ranked.id) AS upvoted`
  }`;
  const rows =
    query.parent === 'author'
      ? await db.read<Row>(Prisma.sql`/* papersOfAuthors */
          SELECT ranked.*${extras} FROM (
            SELECT a.author_id AS "parentId", ${columns},
              ROW_NUMBER() OVER (PARTITION BY a.author_id ORDER BY ${orderBy}) AS rn
            FROM (SELECT DISTINCT author_id, paper_id FROM paper_authors WHERE author_id = ANY(${query.parentIds.map(Number)}::int[])) a
            JOIN papers p ON p.id = a.paper_id
            WHERE ${after}
          ) ranked
          WHERE rn <= ${query.seek.take}
          ORDER BY "parentId", rn`)
      : await db.read<Row>(Prisma.sql`/* papersOfDays */
          SELECT ranked.*${extras} FROM (
            SELECT p.day_date::text AS "parentId", ${columns},
              ROW_NUMBER() OVER (PARTITION BY p.day_date ORDER BY ${orderBy}) AS rn
            FROM papers p
            WHERE p.day_date = ANY(${query.parentIds.map(String)}::date[]) AND ${after}
          ) ranked
          WHERE rn <= ${query.seek.take}
          ORDER BY "parentId", rn`);
  const byParent = new Map<string | number, PaperOfParent[]>();
  for (const row of rows) {
    // The row is the paper record as it comes: copying its twenty columns into a fresh object
    // without parentId, rn, byline and upvoted cost more than carrying keys nobody reads.
    const entry: PaperOfParent = {
      paper: row,
      ...(query.columns === 'all' && { record: row as unknown as PaperRecord }),
      ...(query.bylines && { byline: parseBylineJson(row.byline) }),
      ...(query.upvotedBy !== null && { upvoted: Boolean(row.upvoted) }),
    };
    const list = byParent.get(row.parentId);
    if (list) list.push(entry);
    else byParent.set(row.parentId, [entry]);
  }
  return byParent;
}

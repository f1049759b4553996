import { Prisma } from '../generated/client';
import type { AuthorSummary } from '../records';

/** An author as named in one paper's byline: whether the source page hides the name there. */
export interface BylineAuthor extends AuthorSummary {
  readonly hidden: boolean;
}

/**
 * A paper's byline as one JSON column: [[id, name, handle, hidden], …] in
 * byline order, for a page statement to bring along with each paper row. One column of ~10
 * short arrays costs the server far less than a second statement returning one row per author
 * (its own round trip, and pg's per-row, per-column parsing). `paperId` is the SQL expression
 * of the paper's id in the enclosing statement.
 */
export const bylineJson = (paperId: Prisma.Sql) => Prisma.sql`(
  SELECT json_agg(json_build_array(a.id, a.name, a.handle, pa.hidden) ORDER BY pa.position)
  FROM paper_authors pa JOIN authors a ON a.id = pa.author_id WHERE pa.paper_id = ${paperId})`;

type BylineTuple = [number, string, string | null, boolean];

/**
 * The byline column as records shaped like the authorsByPaperId statement's rows. pg parses json
 * columns itself; Prisma's $queryRaw (PGlite) may hand the text. No authors is SQL null.
 */
export function parseBylineJson(value: unknown): BylineAuthor[] {
  if (value === null || value === undefined) return [];
  const tuples = (typeof value === 'string' ? JSON.parse(value) : value) as BylineTuple[];
  return tuples.map(([id, name, handle, hidden]) => ({ id, name, handle, hidden }));
}

import type { Db } from '../client';
import { Prisma } from '../generated/client';
import type { KeysetSeek } from '../../lib/paging/keyset';
import type { PaperRecord } from '../records';
import { sqlKeysetAfter, sqlOrderBy } from './keyset';
import { PAPER_COLUMNS } from './paper-columns';
import { paperSql, type PaperConditions } from './paper-filter';

/** A matching paper with its rank and highlights (services/search.service.ts makes it a SearchHit). */
export type SearchRow = PaperRecord & { rank: number; snippet: string; highlightedTitle: string };

/** SQL column of each field search orderings sort on; rank is float8 end to end, so a cursor's JSON number compares exactly. */
const COLUMNS = { rank: 'r.rank', id: 'r.id' };
const HEADLINE = 'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "';

export interface SearchQuery {
  /** websearch_to_tsquery syntax: words, "quoted phrases", -exclude, or. */
  readonly text: string;
  readonly conditions: PaperConditions;
}

/**
 * Ranked full-text search over papers.search_vector (GIN-indexed), one keyset read. Headlines
 * are computed in the outer query so ts_headline, the expensive part, runs for the page only.
 */
export async function searchPapers(db: Db, query: SearchQuery, seek: KeysetSeek<SearchRow>): Promise<SearchRow[]> {
  if (seek.take === 0) return [];
  return db.read<SearchRow>(Prisma.sql`/* searchPapers */
    WITH q AS (SELECT websearch_to_tsquery('english', ${query.text}) AS query)
    SELECT r.*,
      ts_headline('english', r.abstract, q.query, ${HEADLINE}) AS snippet,
      ts_headline('english', r.title, q.query, 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true') AS "highlightedTitle"
    FROM (
      SELECT ${PAPER_COLUMNS}, ts_rank(p.search_vector, q.query)::float8 AS rank
      FROM papers p, q
      WHERE p.search_vector @@ q.query AND ${paperSql(query.conditions)}
    ) r, q
    WHERE ${sqlKeysetAfter(seek, COLUMNS)}
    ORDER BY ${sqlOrderBy(seek.keys, COLUMNS)}
    LIMIT ${seek.take}`);
}

/** How many papers match (every page together). */
export async function searchPapersCount(db: Db, query: SearchQuery): Promise<number> {
  const [{ count }] = await db.read<{ count: number }>(Prisma.sql`/* searchPapersCount */
    SELECT COUNT(*)::int AS count FROM papers p
    WHERE p.search_vector @@ websearch_to_tsquery('english', ${query.text}) AND ${paperSql(query.conditions)}`);
  return count;
}

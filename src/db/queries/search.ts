import type { Db } from '../client';
import { Prisma } from '../generated/client';
import { decodeCursor, encodeCursor, type CursorValue } from '../../lib/cursor';
import { lazy } from '../../lib/lazy';
import type { Page } from '../../lib/page';
import type { PaperRecord } from '../records';
import type { SortKey } from './keyset';
import { PAPER_COLUMNS } from './paper-columns';
import { paperSql, type PaperConditions } from './paper-filter';
import { sqlKeysetAfter } from './sql-keyset';

export interface SearchHit {
  readonly paper: PaperRecord;
  /** ts_rank over the weighted document: title (A) outweighs abstract (B). */
  readonly rank: number;
  /** The abstract's best fragments with matches wrapped in <mark>…</mark>. */
  readonly snippet: string;
  /** The title with matches wrapped in <mark>…</mark>. */
  readonly highlightedTitle: string;
}

type HitRow = PaperRecord & { rank: number; snippet: string; highlightedTitle: string };

const KIND = 'search:RANK';
// rank is float8 end to end (cast in SQL), so the cursor's JSON number compares exactly.
const KEYS: ReadonlyArray<SortKey<HitRow>> = [
  { field: 'rank', direction: 'desc', read: (h) => h.rank, parse: (v: CursorValue) => Number(v) },
  { field: 'id', direction: 'asc', read: (h) => h.id, parse: (v: CursorValue) => String(v) },
];
const COLUMNS = { rank: 'r.rank', id: 'r.id' };
const HEADLINE = 'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "';

export interface SearchQuery {
  /** websearch_to_tsquery syntax: words, "quoted phrases", -exclude, or. */
  readonly text: string;
  readonly conditions: PaperConditions;
  readonly limit: number;
  readonly after: string | null;
}

/**
 * Ranked full-text search over papers.search_vector (GIN-indexed). Headlines are computed in
 * the outer query so ts_headline, the expensive part, runs for the page only.
 */
export async function searchPapers(db: Db, query: SearchQuery): Promise<Page<SearchHit>> {
  const values = query.after === null ? null : decodeCursor(query.after, KIND, KEYS.length, 'after').map((v, i) => KEYS[i].parse(v));
  const beyond = values ? sqlKeysetAfter(KEYS, values, COLUMNS) : Prisma.sql`TRUE`;
  const filter = paperSql(query.conditions);
  const rows =
    query.limit === 0
      ? []
      : await db.read<HitRow>(Prisma.sql`/* searchPapers */
          WITH q AS (SELECT websearch_to_tsquery('english', ${query.text}) AS query)
          SELECT r.*,
            ts_headline('english', r.abstract, q.query, ${HEADLINE}) AS snippet,
            ts_headline('english', r.title, q.query, 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true') AS "highlightedTitle"
          FROM (
            SELECT ${PAPER_COLUMNS}, ts_rank(p.search_vector, q.query)::float8 AS rank
            FROM papers p, q
            WHERE p.search_vector @@ q.query AND ${filter}
          ) r, q
          WHERE ${beyond}
          ORDER BY r.rank DESC, r.id ASC
          LIMIT ${query.limit + 1}`);
  const hasMore = rows.length > query.limit;
  const nodes = rows.slice(0, query.limit).map(({ rank, snippet, highlightedTitle, ...paper }) => ({ paper, rank, snippet, highlightedTitle }));
  const edges = nodes.map((hit) => ({ node: hit, cursor: encodeCursor(KIND, [hit.rank, hit.paper.id]) }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: hasMore,
      hasPreviousPage: query.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: lazy(async () => {
      const [{ count }] = await db.read<{ count: number }>(Prisma.sql`/* searchPapersCount */
        SELECT COUNT(*)::int AS count FROM papers p
        WHERE p.search_vector @@ websearch_to_tsquery('english', ${query.text}) AND ${filter}`);
      return count;
    }),
  };
}

import type { RequestContext } from '../context';
import type { Db } from '../db/client';
import { searchPapers, searchPapersCount, type SearchRow } from '../db/queries/search';
import type { PaperRecord } from '../db/records';
import { BadUserInputError } from '../errors/errors';
import { buildPage } from '../lib/paging/build-page';
import { cursorNumber, cursorOf, cursorString, seekOf, type KeysetOrdering } from '../lib/paging/keyset';
import type { ConnectionArgsInput, Page } from '../lib/paging/page';
import { toForwardPageRequest } from '../lib/paging/page-request';
import { paperConditions, type PaperFilterInput } from './paper-filter';
import { primePapers } from './paper-pages';

export const MAX_QUERY_LENGTH = 256;

export interface SearchHit {
  readonly paper: PaperRecord;
  /** ts_rank over the weighted document: title (A) outweighs abstract (B). */
  readonly rank: number;
  /** The abstract's best fragments with matches wrapped in <mark>…</mark>. */
  readonly snippet: string;
  /** The title with matches wrapped in <mark>…</mark>. */
  readonly highlightedTitle: string;
}

export interface SearchArgs extends ConnectionArgsInput {
  readonly query: string;
  readonly filter?: PaperFilterInput | null;
}

/** Best match first, ties by arXiv id. */
const BY_RANK: KeysetOrdering<SearchRow> = {
  kind: 'search:RANK',
  keys: [
    { field: 'rank', direction: 'desc', read: (row) => row.rank, parse: cursorNumber },
    { field: 'id', direction: 'asc', read: (row) => row.id, parse: cursorString },
  ],
};

const hitOf = ({ rank, snippet, highlightedTitle, ...paper }: SearchRow): SearchHit => ({ paper, rank, snippet, highlightedTitle });

export class SearchService {
  constructor(private readonly deps: { db: Db }) {}

  /** Papers matching `query`, best match first (ties by arXiv id). */
  async search(ctx: RequestContext, args: SearchArgs): Promise<Page<SearchHit>> {
    // PostgreSQL text cannot hold NUL; other control characters only split words anyway.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    const text = args.query.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
    if (!text) throw new BadUserInputError('query', '"query" must contain at least one word.');
    if (text.length > MAX_QUERY_LENGTH) throw new BadUserInputError('query', `"query" may be at most ${MAX_QUERY_LENGTH} characters.`);
    const request = toForwardPageRequest(args);
    const query = { text, conditions: paperConditions(args.filter) };
    const rows = await searchPapers(this.deps.db, query, seekOf(BY_RANK, request));
    const page = buildPage({
      rows,
      request,
      cursorOf: (row) => cursorOf(BY_RANK, row),
      nodeOf: hitOf,
      count: () => searchPapersCount(this.deps.db, query),
    });
    primePapers(
      ctx,
      page.nodes.map((hit) => hit.paper),
    );
    return page;
  }
}

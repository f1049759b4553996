import { BadUserInputError } from '../../errors/errors';
import { parseArxivId } from '../../lib/arxiv-id';
import { sendCacheable } from '../conditional-get';
import type { GraphQLHttpResult } from '../in-process-graphql';
import { passThroughHeaders } from '../route-outcome';
import { RouteError, runOperation, type PublicRouteDeps, type RouteCall } from '../route-call';
import { DAILY_PAPERS, DAILY_PAPERS_SKIP, PAPER, SEARCH, type GqlPaper } from './hf-queries';
import { hfDailyItem, hfPaperDetail } from './hf-shapes';
import { dateParam, enumParam, integerParam, monthParam, textParam, weekParam } from './rest-params';

// The Hugging Face Hub's papers endpoints (hf-papers-api.openapi-excerpt.json), answered from the
// same GraphQL operations any client could send, so limits, caching and logs are those of GraphQL.

const PAGE_MAX = 100;
/** `p` pages are walked with cursors (there is no offset paging); this bounds the walk. */
export const MAX_DAILY_OFFSET = 10_000;
const SEARCH_MAX = 120;
const SEARCH_QUERY_MAX = 250;

function sendJsonBody(call: RouteCall, body: unknown, result: GraphQLHttpResult): void {
  sendCacheable(call.req, call.res, { contentType: 'application/json; charset=utf-8', body: JSON.stringify(body), headers: passThroughHeaders(result) });
}

/** GET /api/daily_papers: featured papers, newest featured day first (or most upvoted: sort=trending). */
export async function dailyPapers(deps: PublicRouteDeps, call: RouteCall): Promise<void> {
  const params = call.url.searchParams;
  const p = integerParam(params, 'p', { min: 0, max: Number.MAX_SAFE_INTEGER, default: 0 });
  const limit = integerParam(params, 'limit', { min: 1, max: PAGE_MAX, default: 50 });
  const date = dateParam(params, 'date');
  const week = weekParam(params, 'week');
  const month = monthParam(params, 'month');
  const submitter = textParam(params, 'submitter', 100);
  const sort = enumParam(params, 'sort', ['publishedAt', 'trending'] as const, 'publishedAt');
  if (p * limit > MAX_DAILY_OFFSET) {
    throw new BadUserInputError('p', `"p" × "limit" may be at most ${MAX_DAILY_OFFSET}; narrow the list with date, week or month.`);
  }
  const filter = { ...(date && { fromDay: date, toDay: date }), ...(week && { week }), ...(month && { month }), ...(submitter && { submitter }) };
  const orderBy = sort === 'trending' ? { field: 'UPVOTES', direction: 'DESC' } : null;
  let after: string | null = null;
  for (let skip = p * limit; skip > 0;) {
    const first = Math.min(PAGE_MAX, skip);
    const result = await runOperation(deps, call, {
      query: DAILY_PAPERS_SKIP,
      operationName: 'RestDailyPapersSkip',
      variables: { first, after, filter, orderBy },
    });
    const { pageInfo } = result.body.data!.papers;
    if (!pageInfo.hasNextPage) return sendJsonBody(call, [], result);
    after = pageInfo.endCursor;
    skip -= first;
  }
  const result = await runOperation(deps, call, { query: DAILY_PAPERS, operationName: 'RestDailyPapers', variables: { first: limit, after, filter, orderBy } });
  sendJsonBody(call, (result.body.data!.papers.nodes as GqlPaper[]).map(hfDailyItem), result);
}

/** GET /api/papers/search?q=…&limit=…: ranked full-text matches as daily items; a blank q finds nothing. */
export async function searchPapers(deps: PublicRouteDeps, call: RouteCall): Promise<void> {
  const params = call.url.searchParams;
  const q = (textParam(params, 'q', SEARCH_QUERY_MAX) ?? '').trim();
  const limit = integerParam(params, 'limit', { min: 1, max: SEARCH_MAX, default: 50 });
  if (q === '')
    return sendCacheable(call.req, call.res, { contentType: 'application/json; charset=utf-8', body: '[]', headers: { 'cache-control': 'no-store' } });
  const items: unknown[] = [];
  let after: string | null = null;
  let result: GraphQLHttpResult;
  do {
    result = await runOperation(deps, call, {
      query: SEARCH,
      operationName: 'RestSearch',
      variables: { query: q, first: Math.min(PAGE_MAX, limit - items.length), after },
    });
    const page = result.body.data!.search;
    for (const node of page.nodes as Array<{ paper: GqlPaper }>) items.push(hfDailyItem(node.paper));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null && items.length < limit);
  sendJsonBody(call, items, result);
}

/** The paper an arXiv id in a path names, through the RestPaper operation; 404 when unknown or not an arXiv id. */
export async function paperForPath(deps: PublicRouteDeps, call: RouteCall, text: string): Promise<{ paper: GqlPaper; result: GraphQLHttpResult }> {
  const id = parseArxivId(text);
  if (!id) throw new RouteError(404, 'NOT_FOUND', `Paper not found: "${text.slice(0, 60)}" is not an arXiv id.`);
  const result = await runOperation(deps, call, { query: PAPER, operationName: 'RestPaper', variables: { id } });
  const paper = result.body.data!.paper as GqlPaper | null;
  if (!paper) throw new RouteError(404, 'NOT_FOUND', `Paper not found: ${id}.`, passThroughHeaders(result));
  return { paper, result };
}

/** GET /api/papers/{id}: the paper object at the top level. */
export async function getPaper(deps: PublicRouteDeps, call: RouteCall, id: string): Promise<void> {
  const { paper, result } = await paperForPath(deps, call, id);
  sendJsonBody(call, hfPaperDetail(paper), result);
}

import { sendCacheable } from '../conditional-get';
import type { GraphQLHttpResult } from '../in-process-graphql';
import type { GqlPaper } from '../rest/hf-queries';
import { passThroughHeaders } from '../route-outcome';
import { RouteError, runOperation, type PublicRouteDeps, type RouteCall } from '../route-call';
import { atomXml } from './atom';
import { feedOf, type Feed } from './feed-model';
import { AUTHOR_FEED, DAILY_FEED, FEED_DAYS, FEED_LENGTH, FEED_PAPERS_PER_DAY, TRENDING_WEEK_FEED } from './feed-queries';
import { rssXml } from './rss';

// RSS and Atom feeds for feed readers and chat bots. Readers poll every few minutes: the ETag and
// Last-Modified validators turn an unchanged feed into a bodiless 304, and an anonymous poll is
// answered from the GraphQL response cache.

type Format = 'rss' | 'atom';

const CONTENT_TYPES: Record<Format, string> = { rss: 'application/rss+xml; charset=utf-8', atom: 'application/atom+xml; charset=utf-8' };

function sendFeed(call: RouteCall, format: Format, feed: Feed, result: GraphQLHttpResult): void {
  const body = format === 'rss' ? rssXml(feed) : atomXml(feed);
  sendCacheable(call.req, call.res, { contentType: CONTENT_TYPES[format], body, headers: passThroughHeaders(result), lastModified: feed.updated });
}

const selfUrl = (deps: PublicRouteDeps, path: string) => `${deps.publicBaseUrl}${path}`;

/** /feeds/daily.rss and /feeds/daily.atom: the latest featured days, newest day first, a day's papers most upvoted first. */
export async function dailyFeed(deps: PublicRouteDeps, call: RouteCall, format: Format): Promise<void> {
  const result = await runOperation(deps, call, { query: DAILY_FEED, operationName: 'FeedDaily', variables: { days: FEED_DAYS, perDay: FEED_PAPERS_PER_DAY } });
  const papers = (result.body.data!.days.nodes as Array<{ papers: { nodes: GqlPaper[] } }>).flatMap((day) => day.papers.nodes);
  const head = {
    title: 'Daily Papers',
    description: `Papers featured in the last ${FEED_DAYS} daily lists, newest day first.`,
    selfUrl: selfUrl(deps, call.url.pathname),
  };
  sendFeed(call, format, feedOf(head, papers, deps.publicBaseUrl), result);
}

/** /feeds/trending-week.atom: the current ISO week's most upvoted papers. */
export async function trendingWeekFeed(deps: PublicRouteDeps, call: RouteCall, format: Format): Promise<void> {
  const result = await runOperation(deps, call, { query: TRENDING_WEEK_FEED, operationName: 'FeedTrendingWeek', variables: { first: FEED_LENGTH } });
  const head = {
    title: 'Daily Papers: trending this week',
    description: 'The most upvoted papers featured in the latest ISO week.',
    selfUrl: selfUrl(deps, call.url.pathname),
  };
  sendFeed(call, format, feedOf(head, result.body.data!.trending.nodes, deps.publicBaseUrl), result);
}

/** /feeds/authors/{authorId}.atom: an author's papers, newest featured day first; 404 for an unknown author. */
export async function authorFeed(deps: PublicRouteDeps, call: RouteCall, format: Format, authorId: string): Promise<void> {
  const result = await runOperation(deps, call, { query: AUTHOR_FEED, operationName: 'FeedAuthor', variables: { id: authorId, first: FEED_LENGTH } });
  const author = result.body.data!.author as { name: string; papers: { nodes: GqlPaper[] } } | null;
  if (!author) throw new RouteError(404, 'NOT_FOUND', `No author with id "${authorId.slice(0, 60)}".`, passThroughHeaders(result));
  const head = {
    title: `Daily Papers: ${author.name}`,
    description: `Papers by ${author.name} featured in the daily list, newest first.`,
    selfUrl: selfUrl(deps, call.url.pathname),
  };
  sendFeed(call, format, feedOf(head, author.papers.nodes, deps.publicBaseUrl), result);
}

/** The feed a path names ("/feeds/daily.rss", "/feeds/authors/<id>.atom"), or null. */
export function feedRoute(pathname: string): ((deps: PublicRouteDeps, call: RouteCall) => Promise<void>) | null {
  const match = /^\/feeds\/(?:(daily|trending-week)|authors\/([A-Za-z0-9_-]{1,200}))\.(rss|atom)$/.exec(pathname);
  if (!match) return null;
  const format = match[3] as Format;
  if (match[1] === 'daily') return (deps, call) => dailyFeed(deps, call, format);
  if (match[1] === 'trending-week') return (deps, call) => trendingWeekFeed(deps, call, format);
  return (deps, call) => authorFeed(deps, call, format, match[2]);
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cors } from './cors';
import { feedRoute } from './feeds/feed-routes';
import { paperMarkdownPage, paperPage } from './pages/paper-routes';
import { answerErrors, type PublicRouteDeps, type RouteCall } from './route-call';
import { sendJsonError } from './route-outcome';
import { dailyPapers, getPaper, searchPapers } from './rest/rest-routes';

// The second front door: Hugging Face-compatible REST, paper pages and feeds. Each route runs
// GraphQL operations in-process (in-process-graphql.ts), so none of them has a backend of its own.

export interface PublicRoutesDeps extends PublicRouteDeps {
  /** The same CORS policy as /graphql. */
  readonly cors?: Cors;
}

type Handler = (deps: PublicRouteDeps, call: RouteCall) => Promise<void>;

const PREFIXES = ['/api/daily_papers', '/api/papers/', '/papers/', '/feeds/'];

// Paths carry arXiv ids, and old-style ids have a slash ("hep-th/9901001"): links we hand out
// encode it (%2F), clients may not. Both name the same paper.
function decodedRest(pathname: string, prefix: string): string | null {
  try {
    return decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return null;
  }
}

function handlerFor(pathname: string): Handler | null {
  if (pathname === '/api/daily_papers') return (deps, call) => answerErrors(call, () => dailyPapers(deps, call));
  if (pathname === '/api/papers/search') return (deps, call) => answerErrors(call, () => searchPapers(deps, call));
  if (pathname.startsWith('/api/papers/')) {
    const id = decodedRest(pathname, '/api/papers/');
    return id === null ? null : (deps, call) => answerErrors(call, () => getPaper(deps, call, id));
  }
  const feed = feedRoute(pathname);
  if (feed) return (deps, call) => answerErrors(call, () => feed(deps, call));
  if (pathname.startsWith('/papers/')) {
    const id = decodedRest(pathname, '/papers/');
    if (id === null || id === '') return null;
    return id.endsWith('.md') ? (deps, call) => paperMarkdownPage(deps, call, id.slice(0, -3)) : (deps, call) => paperPage(deps, call, id);
  }
  return null;
}

/** The public GET routes; resolves false for any path that is not theirs. */
export function createPublicRoutes(deps: PublicRoutesDeps): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!PREFIXES.some((prefix) => url.pathname === prefix || url.pathname.startsWith(prefix))) return false;
    if (deps.cors?.handle(req, res)) return true;
    const handler = handlerFor(url.pathname);
    const requestId = String(res.getHeader('x-request-id') ?? '');
    if (!handler) {
      sendJsonError(res, 404, 'NOT_FOUND', `No route for ${url.pathname}.`);
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJsonError(res, 405, 'METHOD_NOT_ALLOWED', `Method ${req.method} is not allowed on ${url.pathname}; use GET.`, { allow: 'GET, HEAD' });
      return true;
    }
    await handler(deps, { req, res, url, requestId });
    return true;
  };
}

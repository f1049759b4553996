import type { IncomingMessage, ServerResponse } from 'node:http';
import { appendVary } from './vary';

// Headers browsers may read from our responses (rate-limit budget, request id, retry time).
const EXPOSED = 'x-request-id, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, x-ratelimit-cost, retry-after';
// What a browser client needs to send: JSON bodies, bearer tokens, APQ and CSRF headers.
const ALLOWED_HEADERS = 'content-type, authorization, x-request-id, apollo-require-preflight, x-apollo-operation-name';

export interface Cors {
  /** Adds CORS headers for an allowed Origin; answers a preflight and returns true when it was one. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

/**
 * CORS from CORS_ORIGINS: exact origins, or "*" for any. Bearer tokens, not cookies,
 * authenticate, so credentials are never allowed and "*" is safe for a public API. An origin
 * not on the list gets no CORS headers (the browser blocks it); a preflight still gets 204.
 */
export function createCors(origins: readonly string[]): Cors {
  const any = origins.includes('*');
  const allowed = new Set(origins);
  return {
    handle(req, res) {
      const origin = req.headers.origin;
      const permitted = typeof origin === 'string' && (any || allowed.has(origin));
      // With a list of origins the answer depends on Origin whether or not this one is allowed:
      // a cache must not hand a refused origin's copy (no allow-origin) to an allowed one. With
      // no list (CORS off) or "*", every origin gets the same answer.
      if (!any && allowed.size > 0) appendVary(res, 'Origin');
      if (permitted) {
        res.setHeader('access-control-allow-origin', any ? '*' : origin);
        res.setHeader('access-control-expose-headers', EXPOSED);
      }
      if (req.method !== 'OPTIONS') return false;
      if (permitted) {
        res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
        res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
        res.setHeader('access-control-max-age', '600');
      }
      res.writeHead(204, { 'content-length': '0' });
      res.end();
      return true;
    },
  };
}

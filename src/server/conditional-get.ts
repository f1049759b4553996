import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { withMergedVary } from './vary';

export interface CacheableResponse {
  readonly status?: number;
  readonly contentType: string;
  readonly body: string;
  /** Extra headers: rate-limit budget, cache-control and vary from the GraphQL operation. */
  readonly headers?: Record<string, string>;
  /** The newest change the body reflects; adds Last-Modified and honours If-Modified-Since. */
  readonly lastModified?: Date;
}

/** A strong validator over the exact bytes sent: equal bodies, equal tags, on any instance. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

function matchesIfNoneMatch(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  // Weak comparison (RFC 9110 §13.1.2): proxies may weaken our tags with W/.
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

function notModifiedSince(header: string | undefined, lastModified: Date | undefined): boolean {
  if (!header || !lastModified) return false;
  const since = Date.parse(header);
  // HTTP dates have whole seconds; compare at that precision.
  return Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

/**
 * Sends a GET/HEAD response with ETag (and Last-Modified when given), or 304 Not Modified when
 * the client's copy is current: If-None-Match decides when present, If-Modified-Since otherwise
 * (RFC 9110 §13.2.2). Only 200 responses are validated; errors are sent as they are.
 */
export function sendCacheable(req: IncomingMessage, res: ServerResponse, response: CacheableResponse): void {
  const status = response.status ?? 200;
  const headers: Record<string, string> = { ...response.headers, 'content-type': response.contentType };
  if (status === 200) {
    headers.etag = etagOf(response.body);
    if (response.lastModified) headers['last-modified'] = response.lastModified.toUTCString();
    const ifNoneMatch = req.headers['if-none-match'];
    const fresh =
      ifNoneMatch !== undefined ? matchesIfNoneMatch(ifNoneMatch, headers.etag) : notModifiedSince(req.headers['if-modified-since'], response.lastModified);
    if (fresh) {
      delete headers['content-type'];
      res.writeHead(304, withMergedVary(res, headers));
      res.end();
      return;
    }
  }
  headers['content-length'] = String(Buffer.byteLength(response.body));
  res.writeHead(status, withMergedVary(res, headers));
  res.end(req.method === 'HEAD' ? undefined : response.body);
}

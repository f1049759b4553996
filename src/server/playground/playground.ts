import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../json-response';
import { createAssetHandler } from './playground-assets';
import { CONTENT_SECURITY_POLICY, renderPage } from './playground-page';
import { loadTabs } from './playground-tabs';
import { withMergedVary } from '../vary';

export interface Playground {
  /** For GET /graphql: answers a browser's page request; false lets GraphQL handle the request. */
  page(req: IncomingMessage, res: ServerResponse): boolean;
  /** Serves the Playground's own files; false for any other path. */
  assets(req: IncomingMessage, res: ServerResponse): boolean;
}

export interface PlaygroundOptions {
  readonly enabled: boolean;
  /** The GraphQL path, relative to this server. */
  readonly endpoint: string;
}

/** GraphQL Playground served entirely by this server (PLAYGROUND=true), or a JSON hint when off. */
export function createPlayground(options: PlaygroundOptions): Playground {
  if (!options.enabled) {
    return {
      page(req, res) {
        if (!wantsPage(req)) return false;
        // A browser opening /graphql gets the reason, in the JSON every other error here uses.
        sendJson(res, 400, {
          errors: [
            {
              message: 'GraphQL Playground is turned off on this server (PLAYGROUND=false). Send GraphQL requests as POST with content-type: application/json.',
              extensions: { code: 'BAD_REQUEST', requestId: res.getHeader('x-request-id') },
            },
          ],
        });
        return true;
      },
      assets: () => false,
    };
  }
  // Rendered once: a bad tab file fails at start, not per request.
  const html = Buffer.from(renderPage(options.endpoint, loadTabs()));
  return {
    page(req, res) {
      if (!wantsPage(req)) return false;
      res.writeHead(
        200,
        withMergedVary(res, {
          'content-type': 'text/html; charset=utf-8',
          'content-length': html.length,
          'cache-control': 'no-cache',
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          vary: 'accept',
        }),
      );
      res.end(html);
      return true;
    },
    assets: createAssetHandler(),
  };
}

/**
 * A browser navigation: GET without a `query` parameter (that is a GraphQL request, answered in
 * JSON) whose Accept header ranks text/html at least as high as JSON.
 */
export function wantsPage(req: IncomingMessage): boolean {
  if (req.method !== 'GET') return false;
  if (new URL(req.url ?? '/', 'http://localhost').searchParams.has('query')) return false;
  const accept = parseAccept(String(req.headers.accept ?? ''));
  const html = accept.get('text/html') ?? 0;
  const json = Math.max(accept.get('application/json') ?? 0, accept.get('application/graphql-response+json') ?? 0);
  return html > 0 && html >= json;
}

function parseAccept(header: string): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const part of header.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    if (!type) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((value) => value !== undefined);
    const rank = q === undefined ? 1 : Number(q);
    ranks.set(type.trim(), Number.isFinite(rank) ? rank : 0);
  }
  return ranks;
}

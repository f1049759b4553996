import type { ServerResponse } from 'node:http';
import { sendCacheable } from '../conditional-get';
import { withMergedVary } from '../vary';
import { passThroughHeaders } from '../route-outcome';
import { answerErrors, type PublicRouteDeps, type RouteCall } from '../route-call';
import { paperForPath } from '../rest/rest-routes';
import { paperMarkdown } from './paper-markdown';
import { notFoundPageHtml, PAGE_SECURITY_HEADERS, paperPageHtml } from './paper-page';

function sendHtmlError(res: ServerResponse, status: number, _code: string, message: string, headers: Record<string, string> = {}): void {
  const html = notFoundPageHtml(message);
  res.writeHead(
    status,
    withMergedVary(res, {
      'cache-control': 'no-store',
      ...headers,
      ...PAGE_SECURITY_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(Buffer.byteLength(html)),
    }),
  );
  res.end(html);
}

/** GET /papers/{id}: the HTML page every paper link we hand out points at. Errors are pages too. */
export function paperPage(deps: PublicRouteDeps, call: RouteCall, id: string): Promise<void> {
  return answerErrors(
    call,
    async () => {
      const { paper, result } = await paperForPath(deps, call, id);
      const headers = { ...passThroughHeaders(result), ...PAGE_SECURITY_HEADERS };
      sendCacheable(call.req, call.res, { contentType: 'text/html; charset=utf-8', body: paperPageHtml(paper, deps.publicBaseUrl), headers });
    },
    sendHtmlError,
  );
}

/** GET /papers/{id}.md: the paper as Markdown. */
export function paperMarkdownPage(deps: PublicRouteDeps, call: RouteCall, id: string): Promise<void> {
  return answerErrors(call, async () => {
    const { paper, result } = await paperForPath(deps, call, id);
    sendCacheable(call.req, call.res, {
      contentType: 'text/markdown; charset=utf-8',
      body: paperMarkdown(paper, deps.publicBaseUrl),
      headers: passThroughHeaders(result),
    });
  });
}

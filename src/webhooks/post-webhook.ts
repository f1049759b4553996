import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedTarget } from '../services/webhook-address';

export interface PostResult {
  readonly statusCode: number | null;
  readonly error: string | null;
}

/**
 * POSTs the body to the checked address, never resolving the host again: the custom lookup
 * hands the socket the address that passed the check, so a DNS answer that changes between the
 * check and the connection (rebinding) cannot redirect it. Host header and TLS name stay the URL's.
 * Redirects are not followed (a 3xx is a failure), and the response body is drained, not kept.
 */
export function postWebhook(target: CheckedTarget, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostResult> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all)
      (callback as unknown as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    else callback(null, target.address, target.family);
  };
  const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = request(
      target.url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinned,
        agent: false,
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        res.resume();
        res.on('error', () => undefined);
        finish(
          status >= 200 && status < 300
            ? { statusCode: status, error: null }
            : { statusCode: status, error: `HTTP ${status}${status >= 300 && status < 400 ? ' (redirects are not followed)' : ''}` },
        );
        req.destroy();
      },
    );
    const timer = setTimeout(() => {
      finish({ statusCode: null, error: `No response within ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => finish({ statusCode: null, error: `${error.code ?? 'Request failed'}: ${error.message}` }));
    req.end(body);
  });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DigestSubscriptionService } from '../services/digest-subscription.service';
import { escapeHtml } from './compose';

// The two pages the links in digest mail open, served by the API itself so the feature works
// without a separate web front end (PUBLIC_BASE_URL pointing at this server). GET only shows a
// button: mail scanners fetch every link, and a GET that confirmed or unsubscribed would act
// on their behalf. POST acts; /digest/unsubscribe also takes RFC 8058 one-click POSTs
// ("List-Unsubscribe=One-Click" body, token in the URL) from mail clients.

export interface DigestPagesDeps {
  readonly service: Pick<DigestSubscriptionService, 'confirm' | 'unsubscribe'>;
  /** The context the service methods take (services take the request context first), built for this request. */
  readonly contextFor: (req: IncomingMessage) => Promise<Parameters<DigestSubscriptionService['confirm']>[0]>;
}

const ACTIONS = {
  '/digest/confirm': {
    title: 'Confirm your digest subscription',
    button: 'Confirm subscription',
    done: 'Subscribed. The first digest arrives after the next period ends.',
  },
  '/digest/unsubscribe': { title: 'Unsubscribe from the digest', button: 'Unsubscribe', done: 'Unsubscribed. No more digests will be sent to this address.' },
} as const;

const MAX_BODY_BYTES = 4096;

export function createDigestPages(deps: DigestPagesDeps): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname as keyof typeof ACTIONS;
    const action = ACTIONS[path];
    if (!action || (req.method !== 'GET' && req.method !== 'POST')) return false;
    if (req.method === 'GET') {
      const token = url.searchParams.get('token') ?? '';
      sendPage(
        res,
        200,
        action.title,
        `<form method="post" action="${path}"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">${action.button}</button></form>`,
      );
      return true;
    }
    const body = await readForm(req);
    if (!body) {
      sendPage(res, 413, action.title, '<p>The request is too large.</p>');
      return true;
    }
    const token = body.get('token') ?? url.searchParams.get('token') ?? '';
    try {
      const ctx = await deps.contextFor(req);
      await (path === '/digest/confirm' ? deps.service.confirm(ctx, token) : deps.service.unsubscribe(ctx, token));
      sendPage(res, 200, action.title, `<p>${action.done}</p>`);
    } catch (error) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      if (code !== 'BAD_USER_INPUT') throw error;
      sendPage(res, 400, action.title, `<p>${escapeHtml((error as Error).message)}</p>`);
    }
    return true;
  };
}

/** A small urlencoded form body; null when larger than 4 KiB. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A small self-contained HTML page that no one can frame. `formActions` lists the origins a form may
 * lead to besides this one: browsers apply form-action to the redirect after a POST as well.
 */
export function sendPage(
  res: ServerResponse,
  status: number,
  title: string,
  body: string,
  formActions: readonly string[] = [],
  headers: Record<string, string | string[]> = {},
): void {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto"><h1 style="font-size:1.3em">${escapeHtml(title)}</h1>${body}</body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'${formActions.map((origin) => ` ${origin}`).join('')}; frame-ancestors 'none'`,
    ...headers,
  });
  res.end(html);
}

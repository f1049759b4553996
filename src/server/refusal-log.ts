import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../observability/logger';

// Every response with an error status is logged exactly once, at the level its class deserves:
// a client's mistake (4xx) at info, an outage (503) at warn, a fault of ours (other 5xx) at error.
// GraphQL operations are logged by the request-log plugin ("graphql request") and failed context
// creation by context-errors.ts; everything refused before or outside them (batches, bodies
// Apollo cannot read, 405/406/413/415, unknown routes, REST parameters) by this hook, as
// "request refused" with its request id, status and code.

interface ResponseNote {
  code?: string;
  logged?: boolean;
}

const notes = new WeakMap<ServerResponse, ResponseNote>();

function note(res: ServerResponse): ResponseNote {
  let found = notes.get(res);
  if (!found) notes.set(res, (found = {}));
  return found;
}

/** The stable code of the error this response sends (for the log line). */
export function noteRefusalCode(res: ServerResponse, code: string): void {
  note(res).code = code;
}

/** This response's outcome has been logged elsewhere already; the hook stays silent. */
export function markLogged(res: ServerResponse): void {
  note(res).logged = true;
}

export function refusalLevel(status: number): 'info' | 'warn' | 'error' {
  if (status === 503) return 'warn';
  return status >= 500 ? 'error' : 'info';
}

/** Logs the response once it is sent, if its status is an error and nothing logged it. */
export function logRefusalOnFinish(req: IncomingMessage, res: ServerResponse, log: Logger, requestId: string): void {
  res.once('finish', () => {
    const { code, logged } = notes.get(res) ?? {};
    if (res.statusCode < 400 || logged) return;
    const path = (req.url ?? '/').split('?')[0];
    log[refusalLevel(res.statusCode)]({ requestId, method: req.method, path, status: res.statusCode, code: code ?? null }, 'request refused');
  });
}

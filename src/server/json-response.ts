import type { ServerResponse } from 'node:http';
import { noteRefusalCode } from './refusal-log';
import { withMergedVary } from './vary';

/** Every response this server writes outside Apollo is JSON too, errors included. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(
    status,
    withMergedVary(res, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
      'cache-control': 'no-store',
      ...headers,
    }),
  );
  res.end(payload);
}

/** A GraphQL-shaped error body for failures that happen before GraphQL execution. */
export function sendRequestError(res: ServerResponse, status: number, code: string, message: string, requestId: string): void {
  noteRefusalCode(res, code);
  sendJson(res, status, { errors: [{ message, extensions: { code, requestId } }] });
}

import { createHmac } from 'node:crypto';

/** The header names of a delivery (docs/webhooks.md "Signature"). */
export const WEBHOOK_HEADERS = {
  id: 'x-dailypapers-delivery',
  event: 'x-dailypapers-event',
  timestamp: 'x-dailypapers-timestamp',
  signature: 'x-dailypapers-signature',
  attempt: 'x-dailypapers-attempt',
} as const;

/**
 * `sha256=` + hex HMAC-SHA256(secret, timestamp + "." + body). The timestamp (Unix seconds) is
 * signed with the body so a receiver can refuse a replayed old request; it is the attempt's
 * own time, so each retry carries a fresh one.
 */
export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

import type { DueDelivery } from '../db/queries/webhook-queue';
import { publicEventId } from '../services/webhook.service';

/**
 * The JSON body of a delivery: `{ id, type, createdAt, data }` (docs/webhooks.md "Events").
 * `data` is what the trigger recorded with the event, plus a `url` to the paper's or day's page.
 * Built from stored values only, so every attempt of a delivery sends the same bytes.
 */
export function webhookBody(due: DueDelivery, publicBaseUrl: string): string {
  const data = JSON.parse(due.payload) as Record<string, unknown>;
  const base = publicBaseUrl.replace(/\/+$/, '');
  if (typeof data.paperId === 'string') data.url = `${base}/papers/${data.paperId}`;
  else if (due.eventType === 'day.published' && typeof data.date === 'string') data.url = `${base}/api/daily_papers?date=${data.date}`;
  return JSON.stringify({ id: publicEventId(due.eventId), type: due.eventType, createdAt: new Date(due.eventCreatedAt).toISOString(), data });
}

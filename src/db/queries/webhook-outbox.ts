import type { PrismaTx } from '../client';

/**
 * Records a webhook event in the caller's transaction (the outbox), once per dedupe key, with a
 * pending delivery for each active webhook that subscribed to its type. The triggers of migration
 * 20261201010000_webhooks call the same function for days, upvote counts and digests.
 */
export async function emitWebhookEvent(tx: PrismaTx, type: string, dedupeKey: string, data: Record<string, string | number | null>): Promise<void> {
  await tx.$executeRaw`/* emitWebhookEvent */ SELECT webhook_emit(${type}, ${dedupeKey}, ${JSON.stringify(data)}::jsonb)`;
}

import type { Db } from '../db/client';
import type { DigestPeriod } from './period';

// The delivery ledger makes "once per subscriber and period" hold across crashes, reruns and two
// senders running at once (two app instances with DIGEST_SCHEDULE). A row moves
//   pending → sending → sent            (or → failed, retried by the next run)
// and a run may send only after its conditional UPDATE claimed the row. The remaining window is a
// crash between the SMTP server accepting a message and the "sent" UPDATE: that row is retried
// after the lease, so at worst one duplicate, never a silent loss.

/** A "sending" row older than this belonged to a run that died; another run may take it over. */
export const CLAIM_LEASE_MS = 10 * 60_000;

export interface LedgerRow {
  readonly id: number;
  readonly subscriptionId: number;
  readonly status: string;
}

/** Records a pending delivery for each subscription that has none for the period yet. */
export async function recordPending(db: Db, period: DigestPeriod, subscriptionIds: readonly number[]): Promise<void> {
  if (subscriptionIds.length === 0) return;
  await db.prisma.digestDelivery.createMany({
    data: subscriptionIds.map((subscriptionId) => ({ subscriptionId, frequency: period.frequency, periodKey: period.key })),
    skipDuplicates: true,
  });
}

/** The period's ledger rows for these subscriptions (absent: never attempted). */
export async function ledgerRows(db: Db, period: DigestPeriod, subscriptionIds: readonly number[]): Promise<LedgerRow[]> {
  return db.prisma.digestDelivery.findMany({
    where: { periodKey: period.key, subscriptionId: { in: [...subscriptionIds] } },
    select: { id: true, subscriptionId: true, status: true },
  });
}

/**
 * Takes the row for this run: true when it was pending, failed, or abandoned by a dead run, and
 * the subscription is still confirmed.
 * The message's unsubscribe token is stored with the claim, so the link works once it is sent.
 */
export async function claimDelivery(db: Db, id: number, unsubscribeTokenHash: Uint8Array<ArrayBuffer>, now: Date): Promise<boolean> {
  const { count } = await db.prisma.digestDelivery.updateMany({
    where: {
      id,
      // Re-checked at claim time: an unsubscribe that lands mid-run stops the message.
      subscription: { status: 'confirmed' },
      OR: [{ status: { in: ['pending', 'failed'] } }, { status: 'sending', claimedAt: { lt: new Date(now.getTime() - CLAIM_LEASE_MS) } }],
    },
    data: { status: 'sending', claimedAt: now, attempts: { increment: 1 }, unsubscribeTokenHash },
  });
  return count === 1;
}

export async function markSent(db: Db, id: number, now: Date): Promise<void> {
  await db.prisma.digestDelivery.update({ where: { id }, data: { status: 'sent', sentAt: now, lastError: null } });
}

/** Keeps the reason for the summary and the next run; the token of an unsent message is void. */
export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await db.prisma.digestDelivery.update({
    where: { id },
    data: { status: 'failed', lastError: error.slice(0, 1000), claimedAt: null, unsubscribeTokenHash: null },
  });
}

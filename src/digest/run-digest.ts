import { randomBytes } from 'node:crypto';
import { hashSecret } from '../auth/token';
import type { Db } from '../db/client';
import type { Logger } from '../observability/logger';
import type { DigestFrequency } from '../services/digest-subscription.service';
import { composeDigest } from './compose';
import type { MailTransport } from './deliver';
import { claimDelivery, ledgerRows, markFailed, markSent, recordPending } from './ledger';
import { latestCompletePeriod, periodOf, type DigestPeriod } from './period';
import { topPapersOfPeriod } from './top-papers';

export interface DigestRunDeps {
  readonly db: Db;
  readonly transport: MailTransport;
  readonly publicBaseUrl: string;
  readonly topN: number;
  readonly log?: Logger;
  /** Called after each recipient (the CLI draws a progress line on a terminal). */
  readonly onProgress?: (done: number, total: number) => void;
  readonly now?: () => Date;
}

export interface DigestRunOptions {
  readonly frequency: DigestFrequency;
  /** Any day of the period to send; default: the latest complete period (yesterday, last week). */
  readonly date?: Date;
  /** Compose and count, but send nothing and write nothing to the ledger. */
  readonly dryRun?: boolean;
}

export interface DigestFailure {
  readonly email: string;
  readonly error: string;
}

export interface DigestRunSummary {
  readonly period: DigestPeriod;
  readonly papers: number;
  readonly recipients: number;
  /** In a dry run: the messages that would have been sent. */
  readonly sent: number;
  /** Already sent for this period (or being sent by another run), or nothing to send. */
  readonly skipped: number;
  readonly failed: number;
  readonly failures: readonly DigestFailure[];
  readonly dryRun: boolean;
}

const BATCH = 200;

/** Sends the period's digest to every confirmed subscriber of the frequency who has not had it. */
export async function runDigest(deps: DigestRunDeps, options: DigestRunOptions): Promise<DigestRunSummary> {
  const now = deps.now ?? (() => new Date());
  const period = options.date ? periodOf(options.frequency, options.date) : latestCompletePeriod(options.frequency, now());
  const dryRun = options.dryRun ?? false;
  const where = { status: 'confirmed', frequency: options.frequency };
  const recipients = await deps.db.prisma.digestSubscription.count({ where });
  const papers = await topPapersOfPeriod(deps.db, period, deps.topN);
  const tally = { sent: 0, skipped: 0, failed: 0, failures: [] as DigestFailure[] };
  const summary = () => ({ period, papers: papers.length, recipients, ...tally, dryRun });
  // An empty digest is noise; nothing is recorded, so a run after a late import still sends.
  if (papers.length === 0) {
    tally.skipped = recipients;
    return summary();
  }

  let afterId = 0;
  let done = 0;
  for (;;) {
    const batch = await deps.db.prisma.digestSubscription.findMany({
      where: { ...where, id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take: BATCH,
      select: { id: true, email: true },
    });
    if (batch.length === 0) break;
    afterId = batch[batch.length - 1].id;
    const ids = batch.map((s) => s.id);
    if (!dryRun) await recordPending(deps.db, period, ids);
    const rows = new Map((await ledgerRows(deps.db, period, ids)).map((row) => [row.subscriptionId, row]));
    for (const subscriber of batch) {
      const row = rows.get(subscriber.id);
      if (row?.status === 'sent') tally.skipped += 1;
      else if (dryRun) tally.sent += 1;
      else if (row) await deliverOne(deps, period, papers, subscriber.email, row.id, now, tally);
      deps.onProgress?.(++done, recipients);
    }
  }
  return summary();
}

async function deliverOne(
  deps: DigestRunDeps,
  period: DigestPeriod,
  papers: Parameters<typeof composeDigest>[2],
  email: string,
  deliveryId: number,
  now: () => Date,
  tally: { sent: number; skipped: number; failed: number; failures: DigestFailure[] },
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  if (!(await claimDelivery(deps.db, deliveryId, hashSecret(token), now()))) {
    tally.skipped += 1;
    return;
  }
  try {
    await deps.transport.send({ to: email, ...composeDigest({ publicBaseUrl: deps.publicBaseUrl }, period, papers, token) });
    await markSent(deps.db, deliveryId, now());
    tally.sent += 1;
  } catch (error) {
    // One bad recipient must not stop the others; the ledger keeps the reason for the next run.
    const message = error instanceof Error ? error.message : String(error);
    await markFailed(deps.db, deliveryId, message);
    deps.log?.warn({ deliveryId, period: period.key, err: error }, 'digest delivery failed');
    tally.failed += 1;
    tally.failures.push({ email, error: message });
  }
}

/** "digest weekly:2025-W50: 12 sent, 3 skipped, 1 failed (20 papers, 16 subscribers)" */
export function formatSummary(summary: DigestRunSummary): string {
  const verb = summary.dryRun ? 'would send' : 'sent';
  return `digest ${summary.period.key}${summary.dryRun ? ' (dry run)' : ''}: ${summary.sent} ${verb}, ${summary.skipped} skipped, ${summary.failed} failed (${summary.papers} papers, ${summary.recipients} subscribers)`;
}

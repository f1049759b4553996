import type { Db } from '../client';

// The delivery queue (docs/webhooks.md). The unit a worker claims is a webhook, not a delivery:
// holding the webhook serialises its deliveries, so event n+1 never goes out before event n was
// delivered or given up. A claim is a lease written in a short statement (not a transaction held
// open across the HTTP request); a worker that dies leaves the lease to expire, and another
// instance delivers the same event again (at least once). FOR UPDATE SKIP LOCKED lets instances
// claim side by side without waiting on each other's rows.

/** The head of one claimed webhook's queue: its oldest pending delivery with the event. */
export interface DueDelivery {
  readonly webhookId: number;
  readonly url: string;
  readonly secret: string;
  readonly deliveryId: number;
  readonly attempts: number;
  readonly eventId: number;
  readonly eventType: string;
  readonly payload: string;
  readonly eventCreatedAt: Date;
}

/** Leases up to `limit` active webhooks whose oldest pending delivery is due; returns their ids. */
export async function claimDueWebhooks(db: Db, limit: number, leaseMs: number): Promise<number[]> {
  const rows = await db.prisma.$queryRaw<Array<{ id: number }>>`/* claimDueWebhooks */
    WITH due AS (
      SELECT w.id
      FROM webhooks w
      JOIN LATERAL (
        SELECT d.next_attempt_at FROM webhook_deliveries d
        WHERE d.webhook_id = w.id AND d.status = 'pending' ORDER BY d.id LIMIT 1
      ) head ON true
      WHERE w.active AND (w.lease_until IS NULL OR w.lease_until < now()) AND head.next_attempt_at <= now()
      ORDER BY head.next_attempt_at, w.id
      LIMIT ${limit}
      FOR UPDATE OF w SKIP LOCKED
    )
    UPDATE webhooks w SET lease_until = now() + make_interval(secs => ${leaseMs / 1000}::float8)
    FROM due WHERE w.id = due.id
    RETURNING w.id`;
  return rows.map((row) => row.id);
}

/** The claimed webhook's oldest pending delivery if it is due, else null (nothing left, or backing off). */
export async function headDelivery(db: Db, webhookId: number): Promise<DueDelivery | null> {
  const rows = await db.prisma.$queryRaw<DueDelivery[]>`/* webhookHeadDelivery */
    SELECT w.id AS "webhookId", w.url, w.secret, d.id AS "deliveryId", d.attempts,
           e.id AS "eventId", e.type AS "eventType", e.payload, e.created_at AS "eventCreatedAt"
    FROM webhooks w
    JOIN webhook_deliveries d ON d.webhook_id = w.id AND d.status = 'pending'
    JOIN webhook_events e ON e.id = d.event_id
    WHERE w.id = ${webhookId} AND w.active AND d.next_attempt_at <= now()
      AND d.id = (SELECT min(id) FROM webhook_deliveries WHERE webhook_id = w.id AND status = 'pending')`;
  return rows[0] ?? null;
}

export async function releaseWebhook(db: Db, webhookId: number): Promise<void> {
  await db.prisma.$executeRaw`/* releaseWebhook */ UPDATE webhooks SET lease_until = NULL WHERE id = ${webhookId}`;
}

/** What one POST came to. */
export interface AttemptOutcome {
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly succeeded: boolean;
  readonly startedAt: Date;
  readonly durationMs: number;
}

export interface FailurePolicy {
  readonly maxAttempts: number;
  /** Wait before the next attempt of this delivery, given the attempts made so far. */
  readonly retryDelayMs: number;
  readonly disableAfterFailures: number;
  readonly disableAfterMs: number;
  /** Extends the lease for the next delivery of the same webhook. */
  readonly leaseMs: number;
}

/**
 * Records an attempt and moves the delivery and its webhook on, in one transaction: delivered;
 * or retried after retryDelayMs; or given up after the last attempt. A failure also counts
 * towards disabling the webhook. Returns whether the webhook is still active.
 */
export async function recordAttempt(db: Db, due: DueDelivery, outcome: AttemptOutcome, policy: FailurePolicy): Promise<boolean> {
  const attempt = due.attempts + 1;
  const willRetry = !outcome.succeeded && attempt < policy.maxAttempts;
  const { prisma } = db;
  const [, , webhook] = await prisma.$transaction([
    prisma.webhookDeliveryAttempt.create({
      data: {
        webhookId: due.webhookId,
        deliveryId: due.deliveryId,
        eventId: due.eventId,
        attempt,
        statusCode: outcome.statusCode,
        error: outcome.error?.slice(0, 1000) ?? null,
        succeeded: outcome.succeeded,
        willRetry,
        startedAt: outcome.startedAt,
        durationMs: Math.round(outcome.durationMs),
      },
    }),
    outcome.succeeded || !willRetry
      ? prisma.$executeRaw`/* finishWebhookDelivery */
          UPDATE webhook_deliveries SET attempts = ${attempt}, status = ${outcome.succeeded ? 'delivered' : 'failed'}, finished_at = now()
          WHERE id = ${due.deliveryId}`
      : prisma.$executeRaw`/* retryWebhookDelivery */
          UPDATE webhook_deliveries SET attempts = ${attempt}, next_attempt_at = now() + make_interval(secs => ${policy.retryDelayMs / 1000}::float8)
          WHERE id = ${due.deliveryId}`,
    outcome.succeeded
      ? prisma.$queryRaw<Array<{ active: boolean }>>`/* webhookSucceeded */
          UPDATE webhooks SET consecutive_failures = 0, failing_since = NULL, lease_until = now() + make_interval(secs => ${policy.leaseMs / 1000}::float8)
          WHERE id = ${due.webhookId} RETURNING active`
      : prisma.$queryRaw<Array<{ active: boolean }>>`/* webhookFailed */
          UPDATE webhooks SET
            consecutive_failures = consecutive_failures + 1,
            failing_since = COALESCE(failing_since, now()),
            active = active AND NOT disable.hit,
            disabled_at = CASE WHEN active AND disable.hit THEN now() ELSE disabled_at END,
            disabled_reason = CASE WHEN active AND disable.hit THEN disable.reason ELSE disabled_reason END,
            lease_until = now() + make_interval(secs => ${policy.leaseMs / 1000}::float8)
          FROM (
            SELECT
              w.consecutive_failures + 1 >= ${policy.disableAfterFailures}
                OR now() - COALESCE(w.failing_since, now()) >= make_interval(secs => ${policy.disableAfterMs / 1000}::float8) AS hit,
              CASE WHEN w.consecutive_failures + 1 >= ${policy.disableAfterFailures}
                THEN 'Disabled after ' || (w.consecutive_failures + 1) || ' failed deliveries in a row'
                ELSE 'Disabled after failing since ' || to_char(w.failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ' without a success'
              END || '; last: ' || ${outcome.error ?? 'failed'} || '. Fix the endpoint, then set active: true with updateWebhook.' AS reason
            FROM webhooks w WHERE w.id = ${due.webhookId}
          ) AS disable
          WHERE id = ${due.webhookId} RETURNING active`,
  ]);
  return webhook[0]?.active ?? false;
}

/** Deletes finished deliveries (and their attempts) older than the retention; events stay (they de-duplicate). */
export async function pruneWebhookDeliveries(db: Db, retentionDays: number): Promise<number> {
  return db.prisma.$executeRaw`/* pruneWebhookDeliveries */
    DELETE FROM webhook_deliveries WHERE status <> 'pending' AND finished_at < now() - make_interval(days => ${retentionDays}::int)`;
}

import type { WebhookConfig } from '../config/webhook-config';
import type { Db } from '../db/client';
import { claimDueWebhooks, headDelivery, pruneWebhookDeliveries, recordAttempt, releaseWebhook, type DueDelivery } from '../db/queries/webhook-queue';
import type { Logger } from '../observability/logger';
import { checkWebhookTarget, parseWebhookUrl, WebhookAddressError, type HostResolver } from '../services/webhook-address';
import { webhookBody } from './webhook-body';
import { postWebhook, type PostResult } from './post-webhook';
import { signWebhookBody, WEBHOOK_HEADERS } from './signature';

export interface WebhookWorkerDeps {
  readonly db: Db;
  readonly log: Logger;
  readonly config: WebhookConfig;
  readonly resolve: HostResolver;
  /** Links in payloads (`url` of a paper or day) start with it. */
  readonly publicBaseUrl: string;
}

export interface WebhookWorker {
  start(): void;
  /** Stops claiming and waits for the deliveries in flight; their outcome is recorded. */
  stop(): Promise<void>;
  /** Looks for due deliveries now instead of at the next poll. */
  wake(): void;
}

// Deliveries for one webhook per claim before its lease goes back, so one busy webhook cannot
// hold a worker slot for ever while others wait.
const DELIVERIES_PER_CLAIM = 20;
const PRUNE_EVERY_MS = 3_600_000;

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so retries of
 * many webhooks that failed together (a receiver's outage) spread out instead of arriving at once.
 */
export function retryDelayMs(attemptsMade: number, config: Pick<WebhookConfig, 'retryBaseMs' | 'retryMaxMs'>, random = Math.random): number {
  const step = Math.min(config.retryMaxMs, config.retryBaseMs * 2 ** Math.min(attemptsMade - 1, 30));
  return step / 2 + random() * (step / 2);
}

/** The delivery loop of one process: polls the queue, delivers up to `concurrency` webhooks at once. */
export function createWebhookWorker(deps: WebhookWorkerDeps): WebhookWorker {
  const { db, log, config } = deps;
  // A lease outlives the longest POST by a margin, so a live worker never loses its webhook.
  const leaseMs = config.timeoutMs + 30_000;
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;
  let again = false;
  let lastPrune = 0;

  const schedule = (delayMs: number) => {
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(() => void poll(), delayMs);
  };

  const poll = (): Promise<void> => {
    if (polling) {
      again = true;
      return polling;
    }
    polling = (async () => {
      try {
        do {
          again = false;
          await claimAndDeliver();
        } while (again && running);
        if (Date.now() - lastPrune > PRUNE_EVERY_MS && running) {
          lastPrune = Date.now();
          const pruned = await pruneWebhookDeliveries(db, config.retentionDays);
          if (pruned > 0) log.info({ pruned }, 'old webhook deliveries deleted');
        }
      } catch (error) {
        log.warn({ err: error }, 'webhook queue poll failed; retrying at the next poll');
      } finally {
        polling = undefined;
        schedule(config.pollIntervalMs);
      }
    })();
    return polling;
  };

  const claimAndDeliver = async () => {
    const free = config.concurrency - inFlight.size;
    if (!running || free <= 0) return;
    for (const webhookId of await claimDueWebhooks(db, free, leaseMs)) {
      const job = drain(webhookId).finally(() => {
        inFlight.delete(job);
        // A slot came free: look for more work at once rather than at the next poll.
        if (running) void poll();
      });
      inFlight.add(job);
    }
  };

  const drain = async (webhookId: number) => {
    try {
      for (let n = 0; n < DELIVERIES_PER_CLAIM && running; n++) {
        const due = await headDelivery(db, webhookId);
        if (!due) break;
        const stillActive = await deliverOne(due);
        if (!stillActive) break;
      }
    } catch (error) {
      log.warn({ err: error, webhookId }, 'webhook delivery failed to record; the lease will expire and it is retried');
      return;
    }
    await releaseWebhook(db, webhookId).catch((error: unknown) => log.warn({ err: error, webhookId }, 'webhook lease not released; it expires'));
  };

  const deliverOne = async (due: DueDelivery): Promise<boolean> => {
    const startedAt = new Date();
    const started = performance.now();
    const body = webhookBody(due, deps.publicBaseUrl);
    let result: PostResult;
    if (Buffer.byteLength(body) > config.maxPayloadBytes) {
      result = { statusCode: null, error: `Payload of ${Buffer.byteLength(body)} bytes exceeds WEBHOOK_MAX_PAYLOAD_BYTES (${config.maxPayloadBytes})` };
    } else {
      result = await send(due, body);
    }
    const succeeded = result.error === null;
    const attemptsMade = due.attempts + 1;
    const tooLarge = result.statusCode === null && result.error?.startsWith('Payload of');
    const stillActive = await recordAttempt(
      db,
      due,
      { ...result, succeeded, startedAt, durationMs: performance.now() - started },
      {
        maxAttempts: tooLarge ? attemptsMade : config.maxAttempts,
        retryDelayMs: retryDelayMs(attemptsMade, config),
        disableAfterFailures: config.disableAfterFailures,
        disableAfterMs: config.disableAfterMs,
        leaseMs,
      },
    );
    log.info(
      { webhookId: due.webhookId, deliveryId: due.deliveryId, event: due.eventType, attempt: attemptsMade, statusCode: result.statusCode, error: result.error },
      succeeded ? 'webhook delivered' : 'webhook delivery failed',
    );
    if (!stillActive) log.warn({ webhookId: due.webhookId }, 'webhook disabled after repeated failures');
    return succeeded && stillActive;
  };

  // The address is checked again at every attempt: the owner's DNS may have changed since registration.
  const send = async (due: DueDelivery, body: string): Promise<PostResult> => {
    let target;
    try {
      target = await checkWebhookTarget(parseWebhookUrl(due.url, Number.MAX_SAFE_INTEGER), { allowPrivate: config.allowPrivate, resolve: deps.resolve });
    } catch (error) {
      if (error instanceof WebhookAddressError) return { statusCode: null, error: error.message };
      throw error;
    }
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'DailyPapers-Webhooks/1',
      [WEBHOOK_HEADERS.id]: String(due.deliveryId),
      [WEBHOOK_HEADERS.event]: due.eventType,
      [WEBHOOK_HEADERS.timestamp]: String(timestamp),
      [WEBHOOK_HEADERS.attempt]: String(due.attempts + 1),
      [WEBHOOK_HEADERS.signature]: signWebhookBody(due.secret, timestamp, body),
    };
    return postWebhook(target, headers, body, config.timeoutMs);
  };

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await polling;
      await Promise.allSettled([...inFlight]);
    },
    wake() {
      if (running) void poll();
    },
  };
}

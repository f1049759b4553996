import { boolean, Env, integer } from './env-readers';

/** Signed webhooks (docs/webhooks.md): the address rule, the worker and the bounds. */
export interface WebhookConfig {
  /** Allow URLs that resolve to loopback, private, link-local and other non-public addresses (development, tests). */
  readonly allowPrivate: boolean;
  /** Run the delivery worker in this process. */
  readonly deliver: boolean;
  readonly maxPerUser: number;
  readonly maxUrlLength: number;
  readonly maxPayloadBytes: number;
  /** The whole of one POST: connect, send, response status. */
  readonly timeoutMs: number;
  /** Deliveries in flight at once in this process (each to a different webhook). */
  readonly concurrency: number;
  /** How often an idle worker looks for due deliveries. */
  readonly pollIntervalMs: number;
  /** Attempts per delivery before it is given up and the next event goes out. */
  readonly maxAttempts: number;
  /** The first retry waits about this long; each further one twice as long, with jitter, up to retryMaxMs. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** A webhook is disabled after this many failed attempts in a row… */
  readonly disableAfterFailures: number;
  /** …or once it has failed without a success for this long. */
  readonly disableAfterMs: number;
  /** Finished deliveries and their attempts are deleted after this many days. */
  readonly retentionDays: number;
}

export function readWebhookConfig(env: Env, problems: string[]): WebhookConfig {
  return {
    allowPrivate: boolean(env, 'WEBHOOK_ALLOW_PRIVATE', false, problems),
    deliver: boolean(env, 'WEBHOOK_DELIVER', true, problems),
    maxPerUser: integer(env, 'WEBHOOK_MAX_PER_USER', { default: 10, min: 1, max: 1000 }, problems),
    maxUrlLength: integer(env, 'WEBHOOK_MAX_URL_LENGTH', { default: 2048, min: 64, max: 8192 }, problems),
    maxPayloadBytes: integer(env, 'WEBHOOK_MAX_PAYLOAD_BYTES', { default: 65536, min: 1024, max: 10485760 }, problems),
    timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', { default: 10000, min: 100, max: 120000 }, problems),
    concurrency: integer(env, 'WEBHOOK_CONCURRENCY', { default: 4, min: 1, max: 256 }, problems),
    pollIntervalMs: integer(env, 'WEBHOOK_POLL_INTERVAL_MS', { default: 1000, min: 10, max: 600000 }, problems),
    maxAttempts: integer(env, 'WEBHOOK_MAX_ATTEMPTS', { default: 8, min: 1, max: 100 }, problems),
    retryBaseMs: integer(env, 'WEBHOOK_RETRY_BASE_MS', { default: 10000, min: 1, max: 86400000 }, problems),
    retryMaxMs: integer(env, 'WEBHOOK_RETRY_MAX_MS', { default: 3600000, min: 1, max: 86400000 }, problems),
    disableAfterFailures: integer(env, 'WEBHOOK_DISABLE_AFTER_FAILURES', { default: 30, min: 1, max: 100000 }, problems),
    disableAfterMs: integer(env, 'WEBHOOK_DISABLE_AFTER_HOURS', { default: 24, min: 1, max: 8760 }, problems) * 3_600_000,
    retentionDays: integer(env, 'WEBHOOK_RETENTION_DAYS', { default: 30, min: 1, max: 3650 }, problems),
  };
}

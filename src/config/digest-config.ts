import { Cron } from 'croner';
import { Env, integer, optionalText, optionalUrl, text } from './env-readers';

/** The email digest: where mail goes, who it is from, and when the in-process sender runs. */
export interface DigestConfig {
  /** smtp:// or smtps:// (credentials in the URL); unset: messages are written as .eml files to outboxDir. */
  readonly smtpUrl: string | undefined;
  /** The From header of confirmation and digest mail. */
  readonly from: string;
  readonly outboxDir: string;
  /** Cron expression (UTC) for the in-process sender; unset: off (run `npm run digest` from cron instead). */
  readonly schedule: string | undefined;
  /** Origin of the public site; links in mail point at it ("http://localhost:4000"). */
  readonly publicBaseUrl: string;
  /** Papers per digest. */
  readonly topN: number;
  /** subscribeToDigest requests allowed per address, and per client IP, each hour (mail-bombing guard). */
  readonly subscribeLimitPerAddress: number;
  readonly subscribeLimitPerIp: number;
}

export function readDigestConfig(env: Env, problems: string[]): DigestConfig {
  const schedule = optionalText(env, 'DIGEST_SCHEDULE');
  if (schedule !== undefined) {
    try {
      new Cron(schedule, { paused: true, timezone: 'UTC' }).stop();
    } catch (error) {
      problems.push(`DIGEST_SCHEDULE: expected a cron expression ("0 7 * * *"), got "${schedule}": ${(error as Error).message}`);
    }
  }
  const from = text(env, 'DIGEST_FROM', 'Daily Papers <digest@localhost>');
  if (!/@[^@\s>]+>?$/.test(from)) problems.push(`DIGEST_FROM: expected an address ("Daily Papers <digest@example.org>"), got "${from}"`);
  return {
    smtpUrl: optionalUrl(env, 'SMTP_URL', ['smtp:', 'smtps:'], problems),
    from,
    outboxDir: text(env, 'DIGEST_OUTBOX_DIR', './outbox'),
    schedule,
    publicBaseUrl: (optionalUrl(env, 'PUBLIC_BASE_URL', ['http:', 'https:'], problems) ?? 'http://localhost:4000').replace(/\/+$/, ''),
    topN: integer(env, 'DIGEST_TOP_N', { default: 10, min: 1, max: 50 }, problems),
    subscribeLimitPerAddress: integer(env, 'DIGEST_SUBSCRIBE_LIMIT_PER_ADDRESS', { default: 5, min: 1, max: 10_000 }, problems),
    subscribeLimitPerIp: integer(env, 'DIGEST_SUBSCRIBE_LIMIT_PER_IP', { default: 20, min: 1, max: 100_000 }, problems),
  };
}

import type { Db } from '../../src/db/client';
import { createConfirmationMailer } from '../../src/digest/confirmation-mailer';
import { createMailTransport, type MailTransport } from '../../src/digest/deliver';
import { createLogger } from '../../src/observability/logger';
import { createServices } from '../../src/services';
import { DigestSubscriptionService } from '../../src/services/digest-subscription.service';
import { executorFor } from './execute';

export const PUBLIC_BASE_URL = 'http://papers.test';

/** A movable clock for expiry and resend-interval tests. */
export function testClock(start = new Date('2025-12-12T08:00:00Z')) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

/** In-process GraphQL with a digest service that mails through `transport` and reads `now`. */
export async function createDigestExecutor(db: Db, transport: MailTransport, now: () => Date) {
  const log = createLogger('silent');
  const mailer = createConfirmationMailer(transport, { publicBaseUrl: PUBLIC_BASE_URL });
  const digestSubscriptions = new DigestSubscriptionService({ db, log, mailer, now });
  const execute = await executorFor(db, { services: ({ pubsub }) => ({ ...createServices({ db, log, pubsub, digestMailer: mailer }), digestSubscriptions }) });
  return Object.assign(execute, { service: digestSubscriptions, stop: () => execute.apollo.stop() });
}

export function smtpTransport(url: string): MailTransport {
  return createMailTransport({ smtpUrl: url, from: 'Daily Papers <digest@papers.test>', outboxDir: '' });
}

export const CONFIRM_TOKEN = /\/digest\/confirm\?token=([A-Za-z0-9_-]{43})/;
export const UNSUBSCRIBE_TOKEN = /\/digest\/unsubscribe\?token=([A-Za-z0-9_-]{43})/;

export function tokenIn(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  if (!match) throw new Error(`no token matching ${pattern} in:\n${text}`);
  return match[1];
}

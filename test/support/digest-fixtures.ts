import { randomUUID } from 'node:crypto';
import { createRequestContext } from '../../src/context';
import type { Db } from '../../src/db/client';
import { createConfirmationMailer } from '../../src/digest/confirmation-mailer';
import { createMailTransport, type MailTransport } from '../../src/digest/deliver';
import type { ImportRecord } from '../../src/db/import-record';
import { importRecords } from '../../src/import/import-papers';
import { createLogger } from '../../src/observability/logger';
import { createInProcessPubSub } from '../../src/pubsub/in-process-pubsub';
import { buildSchema } from '../../src/schema/build-schema';
import { createApolloServer } from '../../src/server/apollo';
import { createRateLimiter } from '../../src/server/rate-limit/rate-limiter';
import { createServices } from '../../src/services';
import { DigestSubscriptionService } from '../../src/services/digest-subscription.service';
import { testConfig } from './test-config';

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
  const pubsub = createInProcessPubSub();
  const services = { ...createServices({ db, log, pubsub, digestMailer: mailer }), digestSubscriptions };
  const apollo = createApolloServer(testConfig(), await buildSchema({ pubSub: pubsub }), [], createRateLimiter({ log }));
  await apollo.start();
  const execute = async (query: string, variables?: Record<string, unknown>) => {
    const response = await apollo.executeOperation(
      { query, variables },
      { contextValue: createRequestContext({ db, services, log }, { requestId: randomUUID(), viewer: null, clientAddress: '127.0.0.1' }) },
    );
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult as { data?: any; errors?: any[] };
  };
  return Object.assign(execute, { apollo, service: digestSubscriptions, stop: () => apollo.stop() });
}

export function smtpTransport(url: string): MailTransport {
  return createMailTransport({ smtpUrl: url, from: 'Daily Papers <digest@papers.test>', outboxDir: '' });
}

export function paper(arxivId: string, featuredDay: string, upvotes: number, title: string, authors: string[], githubRepo: string | null = null): ImportRecord {
  return {
    arxivId, title, abstract: `Abstract of ${title}.`, publishedAt: null, featuredDay, upvotes, githubRepo, githubStars: null,
    projectPage: null, thumbnailUrl: null, mediaUrls: [], aiSummary: null, aiKeywords: [], numComments: null, withdrawnAt: null,
    submittedBy: null, submittedAt: null, authors: authors.map((name) => ({ name, externalId: null, handle: null, hidden: false })),
  };
}

export async function seedPapers(db: Db, records: ImportRecord[]): Promise<void> {
  await importRecords(db, records);
}

export const CONFIRM_TOKEN = /\/digest\/confirm\?token=([A-Za-z0-9_-]{43})/;
export const UNSUBSCRIBE_TOKEN = /\/digest\/unsubscribe\?token=([A-Za-z0-9_-]{43})/;

export function tokenIn(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  if (!match) throw new Error(`no token matching ${pattern} in:\n${text}`);
  return match[1];
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app';
import { createDb, type Db } from '../../src/db/client';
import { migrate } from '../../src/db/migrate';
import { systemResolver } from '../../src/services/webhook-address';
import { createUserWithToken } from '../support/identity-seed';
import { postGraphQL } from '../support/graphql-client';
import { describeWithPostgres, ENGINES } from '../support/services';
import { testConfig } from '../support/test-config';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import type { TestServer } from '../support/test-server';
import { startWebhookReceiver, waitUntil, type WebhookReceiver } from '../support/webhook-receiver';

// What webhooks promise beyond one happy server: no delivery lost across a restart, several
// instances sharing one queue, and the address rule at registration and at delivery time.

const CREATE = `mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }`;
const SUBMIT = `mutation ($input: SubmitPaperInput!) { submitPaper(input: $input) { paper { arxivId } } }`;
const DELIVERIES = `{ viewer { webhooks { id deliveries(first: 10) { nodes { succeeded statusCode error willRetry } } } } }`;
const PATIENT = {
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_POLL_INTERVAL_MS: '20',
  WEBHOOK_RETRY_BASE_MS: '5',
  WEBHOOK_RETRY_MAX_MS: '40',
  WEBHOOK_MAX_ATTEMPTS: '100',
  WEBHOOK_DISABLE_AFTER_FAILURES: '100000',
};

let sequence = 0;
const submitInput = (day: string) => {
  const arxivId = `2612.${String(20000 + ++sequence).padStart(5, '0')}`;
  return { arxivId, title: `Restart paper ${arxivId}`, abstract: 'Survives restarts.', authors: ['Bo Retry'], day };
};
const submittedIds = (receiver: WebhookReceiver) => receiver.received.filter((d) => d.status < 300).map((d) => d.body.data.paperId);

describe.each(ENGINES)('webhook deliveries across a restart on %s', (engine) => {
  let receiver: WebhookReceiver;
  let dir: string;
  let postgres: TestDatabase | undefined;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    dir = mkdtempSync(join(tmpdir(), 'webhooks-restart-'));
    if (engine === 'postgres') postgres = await createTestDatabase('postgres');
    // Migrating an embedded database on disk takes long on a busy machine; do it before the test.
    const db = await openDb();
    await migrate(db);
    await db.close();
  }, 300_000);
  afterAll(async () => {
    await receiver.close();
    await postgres?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  // A real reopen: PGlite from its directory on disk, PostgreSQL through a new pool.
  const openDb = (): Promise<Db> =>
    engine === 'pglite' ? createDb({ dataDir: join(dir, 'data') }) : createDb({ databaseUrl: postgres!.url!, dataDir: '', poolSize: 4 });
  const startApp = async (db: Db): Promise<App> => {
    const app = await createApp(testConfig(PATIENT), { db });
    await app.start();
    return app;
  };

  it('delivers, in order, the events that were pending when the server stopped', async () => {
    receiver.respond = () => 503;
    const db1 = await openDb();
    const app1 = await startApp(db1);
    const owner = await createUserWithToken(db1, 'restart');
    (await postGraphQL(app1.url, CREATE, { input: { url: receiver.url, events: ['PAPER_SUBMITTED'] } }, { authorization: owner.authorization })).expectData();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const input = submitInput('2018-05-01');
      (await postGraphQL(app1.url, SUBMIT, { input }, { authorization: owner.authorization })).expectData();
      ids.push(input.arxivId);
    }
    // The first event is being retried; all three are pending.
    await waitUntil(
      () => receiver.received.length >= 2,
      () => receiver.received.length,
    );
    await app1.stop();
    await db1.close();
    expect(submittedIds(receiver)).toEqual([]);

    receiver.respond = () => 200;
    const db2 = await openDb();
    const app2 = await startApp(db2);
    try {
      await waitUntil(
        () => submittedIds(receiver).length >= 3,
        () => receiver.received.map((d) => [d.status, d.body.data.paperId]),
      );
      expect(submittedIds(receiver)).toEqual(ids);
      const failedBefore = receiver.received.filter((d) => d.status === 503);
      expect(new Set(failedBefore.map((d) => d.body.data.paperId))).toEqual(new Set([ids[0]]));
    } finally {
      await app2.stop();
      await db2.close();
    }
  }, 180_000);
});

describeWithPostgres('two instances sharing one webhook queue on postgres', () => {
  let database: TestDatabase;
  const apps: App[] = [];
  const receivers: WebhookReceiver[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    for (const app of apps) await app.stop();
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await database.close();
  });

  it('delivers every event once per webhook, each webhook in order, with both workers claiming', async () => {
    for (let i = 0; i < 2; i++) {
      const db = await createDb({ databaseUrl: database.url!, dataDir: '', poolSize: 4 });
      const app = await createApp(testConfig({ ...PATIENT, WEBHOOK_CONCURRENCY: '2' }), { db });
      await app.start();
      apps.push(app);
    }
    const owner = await createUserWithToken(database.db, 'shared');
    for (let i = 0; i < 4; i++) {
      const receiver = await startWebhookReceiver();
      receivers.push(receiver);
      (
        await postGraphQL(apps[i % 2].url, CREATE, { input: { url: receiver.url, events: ['PAPER_SUBMITTED'] } }, { authorization: owner.authorization })
      ).expectData();
    }
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const input = submitInput('2018-06-02');
      (await postGraphQL(apps[i % 2].url, SUBMIT, { input }, { authorization: owner.authorization })).expectData();
      ids.push(input.arxivId);
    }
    for (const receiver of receivers) {
      await waitUntil(
        () => receiver.received.length >= 8,
        () => receiver.received.length,
      );
      expect(receiver.received.map((d) => d.body.data.paperId)).toEqual(ids);
    }
  });
});

describe.each(ENGINES)('webhook addresses on %s (WEBHOOK_ALLOW_PRIVATE unset)', (engine) => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let owner: Awaited<ReturnType<typeof createUserWithToken>>;
  // A name whose DNS answer the test changes, as a rebinding attacker would.
  const answers = new Map<string, string>([['public.test', '93.184.216.34']]);
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    const database = await createTestDatabase(engine);
    const app = await createApp(
      testConfig({ WEBHOOK_POLL_INTERVAL_MS: '20', WEBHOOK_RETRY_BASE_MS: '5', WEBHOOK_RETRY_MAX_MS: '40', WEBHOOK_MAX_ATTEMPTS: '2' }),
      {
        db: database.db,
        resolveHost: async (hostname) => {
          const answer = answers.get(hostname);
          return answer ? [{ address: answer, family: answer.includes(':') ? 6 : 4 }] : systemResolver(hostname);
        },
      },
    );
    const url = await app.start();
    server = { app, url, database, close: async () => (await app.stop(), await database.close()) };
    owner = await createUserWithToken(database.db, 'ssrf');
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  const create = (url: string) => postGraphQL(server.url, CREATE, { input: { url, events: ['PAPER_SUBMITTED'] } }, { authorization: owner.authorization });

  it.each([
    ['http://127.0.0.1:9/hook', 'Refused: 127.0.0.1 is a loopback address'],
    ['http://localhost:9/hook', 'a loopback address'],
    ['http://[::1]:9/hook', 'Refused: ::1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]/hook', 'a loopback (IPv4 127.0.0.1 inside IPv6) address'],
    ['http://10.0.0.8/hook', 'a private address'],
    ['http://172.16.5.4/hook', 'a private address'],
    ['http://192.168.1.1/hook', 'a private address'],
    ['http://169.254.169.254/latest/meta-data', 'a link-local address'],
    ['http://100.64.0.1/hook', 'a carrier-grade NAT address'],
    ['http://[fd00::1]/hook', 'a unique-local address'],
    ['http://[fe80::1]/hook', 'a link-local address'],
    ['http://0.0.0.0/hook', 'an unspecified'],
    ['http://224.0.0.1/hook', 'a multicast address'],
    ['http://[ff02::1]/hook', 'a multicast address'],
    ['https://2130706433/hook', 'a loopback address'],
  ])('refuses to register %s with BAD_USER_INPUT naming url', async (url, message) => {
    const error = (await create(url)).expectError('BAD_USER_INPUT');
    expect(error.extensions).toMatchObject({ argumentName: 'url' });
    expect(error.message).toContain(message);
  });

  it('checks the address again at delivery time, and never connects when the name now points inside', async () => {
    const registered = (await create(`http://public.test:${receiver.port}/hook`)).expectData().createWebhook.webhook;
    answers.set('public.test', '127.0.0.1');
    (await postGraphQL(server.url, SUBMIT, { input: submitInput('2018-07-03') }, { authorization: owner.authorization })).expectData();
    const attempts = await waitUntil(
      async () => {
        const webhooks = (await postGraphQL(server.url, DELIVERIES, {}, { authorization: owner.authorization })).expectData().viewer.webhooks as Array<{
          id: string;
          deliveries: { nodes: unknown[] };
        }>;
        const nodes = webhooks.find((webhook) => webhook.id === registered.id)!.deliveries.nodes;
        return nodes.length >= 2 ? nodes : undefined;
      },
      () => null,
    );
    expect(attempts).toEqual([
      {
        succeeded: false,
        statusCode: null,
        error: 'Refused: "public.test" resolves to 127.0.0.1, a loopback address; webhooks may only reach public addresses.',
        willRetry: false,
      },
      {
        succeeded: false,
        statusCode: null,
        error: 'Refused: "public.test" resolves to 127.0.0.1, a loopback address; webhooks may only reach public addresses.',
        willRetry: true,
      },
    ]);
    expect(receiver.received).toEqual([]);
  });
});

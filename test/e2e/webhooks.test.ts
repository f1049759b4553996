import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createUserWithToken } from '../support/identity-seed';
import { postGraphQL } from '../support/graphql-client';
import { ENGINES } from '../support/services';
import { startTestServer, type TestServer } from '../support/test-server';
import { startWebhookReceiver, waitUntil, type WebhookReceiver } from '../support/webhook-receiver';

// Webhooks end to end: a real server delivers to real HTTP receivers in this process (and to the
// example receiver of docs/webhooks.md, as a child process). Retries are made fast by config, not
// by clocks; nothing here asserts how long anything took.

const CREATE = `mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id url events active } clientMutationId } }`;
const UPDATE = `mutation ($input: UpdateWebhookInput!) { updateWebhook(input: $input) { webhook { id active disabledReason consecutiveFailures } } }`;
const DELETE = `mutation ($id: ID!) { deleteWebhook(input: { id: $id }) { webhook { id } } }`;
const WEBHOOKS = `{ viewer { webhooks { id url events active disabledReason disabledAt consecutiveFailures pendingDeliveryCount
  deliveries(first: 50) { totalCount nodes { deliveryId attempt succeeded statusCode error willRetry startedAt durationMs event { id type createdAt } } } } } }`;
const SUBMIT = `mutation ($input: SubmitPaperInput!) { submitPaper(input: $input) { paper { arxivId } } }`;

const FAST = {
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_POLL_INTERVAL_MS: '20',
  WEBHOOK_RETRY_BASE_MS: '5',
  WEBHOOK_RETRY_MAX_MS: '40',
  WEBHOOK_MAX_ATTEMPTS: '3',
  WEBHOOK_DISABLE_AFTER_FAILURES: '5',
  WEBHOOK_MAX_PER_USER: '4',
  WEBHOOK_TIMEOUT_MS: '5000',
};

let arxivSequence = 0;
const nextArxivId = () => `2611.${String(10000 + (process.pid % 1000) * 50 + ++arxivSequence).padStart(5, '0')}`;
let daySequence = 0;
const nextDay = () => `2019-0${1 + Math.floor(daySequence / 28)}-${String(1 + (daySequence++ % 28)).padStart(2, '0')}`;

interface WebhookView {
  id: string;
  active: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  pendingDeliveryCount: number;
  deliveries: {
    totalCount: number;
    nodes: Array<{
      deliveryId: string;
      attempt: number;
      succeeded: boolean;
      statusCode: number | null;
      error: string | null;
      willRetry: boolean;
      event: { id: string; type: string };
    }>;
  };
}

describe.each(ENGINES)('webhooks on %s', (engine) => {
  let server: TestServer;
  let owner: Awaited<ReturnType<typeof createUserWithToken>>;
  const receivers: WebhookReceiver[] = [];
  beforeAll(async () => {
    server = await startTestServer({ engine, env: FAST });
    owner = await createUserWithToken(server.app.db, 'hooks');
  });
  afterAll(async () => {
    await server.close();
    await Promise.all(receivers.map((receiver) => receiver.close()));
  });

  const gql = (query: string, variables: Record<string, unknown> = {}, authorization = owner.authorization) =>
    postGraphQL(server.url, query, variables, { authorization });
  const receiver = async () => {
    const started = await startWebhookReceiver();
    receivers.push(started);
    return started;
  };
  const createWebhook = async (url: string, events: string[], secret?: string) =>
    (await gql(CREATE, { input: { url, events, ...(secret && { secret }) } })).expectData().createWebhook as { secret: string | null; webhook: { id: string } };
  const submit = async (day = nextDay()) => {
    const arxivId = nextArxivId();
    (await gql(SUBMIT, { input: { arxivId, title: `Webhook paper ${arxivId}`, abstract: 'About webhooks.', authors: ['Ada Hook'], day } })).expectData();
    return arxivId;
  };
  const view = async (id: string): Promise<WebhookView> => {
    const webhooks = (await gql(WEBHOOKS)).expectData().viewer.webhooks as Array<WebhookView>;
    return webhooks.find((webhook) => webhook.id === id)!;
  };
  const submittedIds = (target: WebhookReceiver, ok = false) =>
    target.received.filter((d) => d.body.type === 'paper.submitted' && (!ok || d.status < 300)).map((d) => d.body.data.paperId);

  it('signs each delivery so the receiver can verify it, and shows the attempt to the owner', async () => {
    const target = await receiver();
    const { secret, webhook } = await createWebhook(target.url, ['PAPER_SUBMITTED', 'DAY_PUBLISHED']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const day = nextDay();
    const arxivId = await submit(day);

    await waitUntil(
      () => target.received.length >= 2,
      () => target.received,
    );
    // One transaction wrote both events: the new day first, then the paper.
    expect(target.received.map((d) => d.body.type)).toEqual(['day.published', 'paper.submitted']);
    const [published, submitted] = target.received;
    expect(published.body.data).toEqual({ date: day, url: `http://localhost:4000/api/daily_papers?date=${day}` });
    expect(submitted.body).toEqual({
      id: expect.stringMatching(/^evt_\d+$/),
      type: 'paper.submitted',
      createdAt: expect.any(String),
      data: { paperId: arxivId, title: `Webhook paper ${arxivId}`, day, submittedBy: owner.viewer.handle, url: `http://localhost:4000/papers/${arxivId}` },
    });
    for (const delivery of target.received) {
      const timestamp = String(delivery.headers['x-dailypapers-timestamp']);
      const expected = `sha256=${createHmac('sha256', secret!).update(`${timestamp}.${delivery.rawBody}`).digest('hex')}`;
      expect(delivery.headers).toMatchObject({
        'content-type': 'application/json',
        'x-dailypapers-event': delivery.body.type,
        'x-dailypapers-attempt': '1',
        'x-dailypapers-delivery': expect.stringMatching(/^\d+$/),
        'x-dailypapers-signature': expected,
      });
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(600);
    }
    // Signed with another secret, the same body does not verify.
    const forged = createHmac('sha256', 'not-the-secret-at-all')
      .update(`${String(submitted.headers['x-dailypapers-timestamp'])}.${submitted.rawBody}`)
      .digest('hex');
    expect(submitted.headers['x-dailypapers-signature']).not.toBe(`sha256=${forged}`);

    const shown = await waitUntil(
      async () => {
        const current = await view(webhook.id);
        // Fields of one query may read at slightly different moments on PostgreSQL: wait for both.
        return current.deliveries.totalCount === 2 && current.pendingDeliveryCount === 0 ? current : undefined;
      },
      () => null,
    );
    expect(shown).toMatchObject({ active: true, disabledReason: null, consecutiveFailures: 0, pendingDeliveryCount: 0 });
    expect(
      shown.deliveries.nodes.map((n) => ({
        type: n.event.type,
        attempt: n.attempt,
        succeeded: n.succeeded,
        statusCode: n.statusCode,
        error: n.error,
        willRetry: n.willRetry,
      })),
    ).toEqual([
      { type: 'PAPER_SUBMITTED', attempt: 1, succeeded: true, statusCode: 200, error: null, willRetry: false },
      { type: 'DAY_PUBLISHED', attempt: 1, succeeded: true, statusCode: 200, error: null, willRetry: false },
    ]);
    expect(shown.deliveries.nodes[0].event.id).toBe(submitted.body.id);
    (await gql(DELETE, { id: webhook.id })).expectData();
  });

  it('retries after a 500 and keeps the order: no event goes out before the one before it was delivered', async () => {
    const target = await receiver();
    target.respond = (_delivery, n) => (n === 0 ? 500 : 200);
    const { webhook } = await createWebhook(target.url, ['PAPER_SUBMITTED'], 'a-secret-of-my-own-choosing');
    const day = nextDay();
    const ids = [await submit(day), await submit(day), await submit(day)];

    await waitUntil(
      () => submittedIds(target, true).length >= 3,
      () => target.received.map((d) => [d.status, d.body.data.paperId]),
    );
    expect(target.received.map((d) => [d.body.data.paperId, d.status, d.headers['x-dailypapers-attempt']])).toEqual([
      [ids[0], 500, '1'],
      [ids[0], 200, '2'],
      [ids[1], 200, '1'],
      [ids[2], 200, '1'],
    ]);
    // A retry is the same delivery (same id header and event id), signed anew.
    expect(target.received[1].headers['x-dailypapers-delivery']).toBe(target.received[0].headers['x-dailypapers-delivery']);
    expect(target.received[1].body.id).toBe(target.received[0].body.id);

    const shown = await view(webhook.id);
    expect(
      shown.deliveries.nodes
        .slice(-2)
        .map((n) => ({ attempt: n.attempt, succeeded: n.succeeded, statusCode: n.statusCode, error: n.error, willRetry: n.willRetry })),
    ).toEqual([
      { attempt: 2, succeeded: true, statusCode: 200, error: null, willRetry: false },
      { attempt: 1, succeeded: false, statusCode: 500, error: 'HTTP 500', willRetry: true },
    ]);
    (await gql(DELETE, { id: webhook.id })).expectData();
  });

  it('disables a webhook that keeps failing, tells its owner why, and resumes when re-enabled', async () => {
    const target = await receiver();
    target.respond = () => 500;
    const { webhook } = await createWebhook(target.url, ['PAPER_SUBMITTED']);
    const day = nextDay();
    const first = await submit(day);
    const second = await submit(day);

    // 3 attempts give the first event up; 2 more on the second make 5 failures in a row.
    const disabled = await waitUntil(
      async () => {
        const current = await view(webhook.id);
        return current.active ? undefined : current;
      },
      () => target.received.map((d) => [d.status, d.body.data.paperId]),
    );
    expect(disabled.disabledReason).toBe(
      'Disabled after 5 failed deliveries in a row; last: HTTP 500. Fix the endpoint, then set active: true with updateWebhook.',
    );
    expect(disabled.consecutiveFailures).toBe(5);
    expect(disabled.pendingDeliveryCount).toBe(1);
    expect(target.received.map((d) => d.body.data.paperId)).toEqual([first, first, first, second, second]);
    expect(disabled.deliveries.nodes.map((n) => [n.attempt, n.willRetry])).toEqual([
      [2, true],
      [1, true],
      [3, false],
      [2, true],
      [1, true],
    ]);

    // While disabled nothing is sent, and new events are not queued for it.
    await submit(day);
    target.respond = () => 200;
    const enabled = (await gql(UPDATE, { input: { id: webhook.id, active: true } })).expectData().updateWebhook.webhook;
    expect(enabled).toEqual({ id: webhook.id, active: true, disabledReason: null, consecutiveFailures: 0 });
    await waitUntil(
      () => submittedIds(target, true).length === 1,
      () => target.received.map((d) => [d.status, d.body.data.paperId]),
    );
    expect(submittedIds(target, true)).toEqual([second]);
    (await gql(DELETE, { id: webhook.id })).expectData();
  });

  it('delivers to the example receiver of docs/webhooks.md, which verifies the signature', async () => {
    const secret = 'whsec_example-receiver-secret-0123456789';
    const child: ChildProcess = spawn(process.execPath, [join(__dirname, '..', '..', 'examples', 'webhook-receiver.mjs')], {
      env: { ...process.env, WEBHOOK_SECRET: secret, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        createInterface({ input: child.stderr! }).on('line', (line) => {
          const match = line.match(/listening on (\d+)/);
          if (match) resolve(Number(match[1]));
        });
        child.once('exit', (code) => reject(new Error(`example receiver exited with ${code}`)));
      });
      const printed: string[] = [];
      createInterface({ input: child.stdout! }).on('line', (line) => printed.push(line));
      const { webhook } = await createWebhook(`http://127.0.0.1:${port}/`, ['PAPER_SUBMITTED'], secret);
      const arxivId = await submit();
      await waitUntil(
        () => printed.length >= 1,
        () => printed,
      );
      expect(JSON.parse(printed[0])).toMatchObject({ type: 'paper.submitted', data: { paperId: arxivId } });
      // The attempt is recorded once the receiver's answer is in.
      const shown = await waitUntil(
        async () => (await view(webhook.id)).deliveries.nodes[0],
        () => null,
      );
      expect(shown).toMatchObject({ succeeded: true, statusCode: 204 });

      // The receiver refuses what was not signed with its secret.
      const forged = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        headers: { 'x-dailypapers-timestamp': String(Math.floor(Date.now() / 1000)), 'x-dailypapers-signature': 'sha256=00' },
        body: printed[0],
      });
      expect(forged.status).toBe(401);
      (await gql(DELETE, { id: webhook.id })).expectData();
    } finally {
      child.kill();
    }
  });

  it("needs the webhooks scope (write has it) and hides other people's webhooks", async () => {
    const target = await receiver();
    const reader = await createUserWithToken(server.app.db, 'reader', ['read']);
    const denied = await gql(CREATE, { input: { url: target.url, events: ['DIGEST_SENT'] } }, reader.authorization);
    expect(denied.status).toBe(403);
    expect(denied.expectError('FORBIDDEN').extensions).toMatchObject({ requiredScope: 'webhooks' });
    expect((await gql('{ viewer { webhooks { id } } }', {}, reader.authorization)).expectError('FORBIDDEN').extensions).toMatchObject({
      requiredScope: 'webhooks',
    });
    const anonymous = await postGraphQL(server.url, CREATE, { input: { url: target.url, events: ['DIGEST_SENT'] } });
    expect(anonymous.status).toBe(401);
    anonymous.expectError('UNAUTHENTICATED');

    const bot = await createUserWithToken(server.app.db, 'bot', ['webhooks']);
    const created = (await gql(CREATE, { input: { url: target.url, events: ['DIGEST_SENT'] } }, bot.authorization)).expectData().createWebhook.webhook;
    expect((await gql('{ viewer { webhooks { id events } } }', {}, bot.authorization)).expectData().viewer.webhooks).toEqual([
      { id: created.id, events: ['DIGEST_SENT'] },
    ]);
    expect((await gql(UPDATE, { input: { id: created.id, active: false } })).expectError('NOT_FOUND').extensions).toMatchObject({
      type: 'Webhook',
      id: created.id,
    });
    expect((await gql(DELETE, { id: created.id })).expectError('NOT_FOUND').extensions).toMatchObject({ type: 'Webhook' });
    (await gql(DELETE, { id: created.id }, bot.authorization)).expectData();
  });

  it('refuses bad input with BAD_USER_INPUT naming the argument', async () => {
    const target = await receiver();
    const user = await createUserWithToken(server.app.db, 'limits');
    const create = (input: Record<string, unknown>) => gql(CREATE, { input: { url: target.url, events: ['DIGEST_SENT'], ...input } }, user.authorization);
    const argumentOf = async (input: Record<string, unknown>) => (await create(input)).expectError('BAD_USER_INPUT').extensions?.argumentName;
    expect(await argumentOf({ events: [] })).toBe('events');
    expect(await argumentOf({ secret: 'short' })).toBe('secret');
    expect(await argumentOf({ secret: 'has spaces in the middle of it' })).toBe('secret');
    expect(await argumentOf({ url: 'ftp://127.0.0.1/hook' })).toBe('url');
    expect(await argumentOf({ url: 'not a url' })).toBe('url');
    expect(await argumentOf({ url: `http://127.0.0.1/${'x'.repeat(2100)}` })).toBe('url');
    expect(await argumentOf({ url: 'http://user:password@127.0.0.1/hook' })).toBe('url');
    const update = await gql(UPDATE, { input: { id: 'not-an-id', active: true } }, user.authorization);
    expect(update.expectError('BAD_USER_INPUT').extensions).toMatchObject({ argumentName: 'id' });

    for (let i = 0; i < 4; i++) (await create({})).expectData();
    const fifth = await create({});
    expect(fifth.expectError('BAD_USER_INPUT')).toMatchObject({ message: 'You already have 4 webhooks (WEBHOOK_MAX_PER_USER); delete one first.' });
  });
});

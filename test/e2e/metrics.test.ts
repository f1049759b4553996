import { capturedLog } from '../support/captured-log';
import { createApp, type App } from '../../src/app';
import { createMetrics, statementName } from '../../src/observability/metrics';
import { createUserWithToken } from '../support/identity-seed';
import { seedPapers } from '../support/seed';
import { postGraphQL } from '../support/graphql-client';
import { ENGINES } from '../support/services';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testConfig } from '../support/test-config';
import { subscribe } from '../support/ws-subscriber';

interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

/** The Prometheus text format's samples (comments and HELP/TYPE lines skipped). */
function parseMetrics(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`Not a Prometheus sample: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

async function scrape(url: string): Promise<Sample[]> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseMetrics(await response.text());
}

describe.each(ENGINES)('metrics and request logs (%s)', (engine) => {
  let database: TestDatabase;
  let app: App;
  let url: string;
  let lines: Array<Record<string, any>> = [];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seedPapers(database.db, 5, { day: '2025-03-03' });
    const captured = capturedLog('info');
    lines = captured.lines;
    app = await createApp(testConfig({ LOG_LEVEL: 'info' }), { db: database.db, log: captured.log });
    url = await app.start();
  });
  afterAll(async () => {
    await app?.stop();
    await database?.close();
  });

  it('counts operations by name, type and outcome, with latency, statements and process metrics', async () => {
    const before = await scrape(url);
    expect(value(before, 'graphql_requests_total', { operation: 'FeedPage' })).toBeUndefined();

    for (let i = 0; i < 2; i += 1) {
      (await postGraphQL(url, 'query FeedPage { papers(first: 3) { nodes { arxivId authors { name } } } }')).expectData();
    }
    (await postGraphQL(url, 'query BadPage { papers(first: -1) { totalCount } }')).expectError('BAD_USER_INPUT');

    const after = await scrape(url);
    expect(value(after, 'graphql_requests_total', { operation: 'FeedPage', type: 'query', outcome: 'ok' })).toBe(2);
    expect(value(after, 'graphql_requests_total', { operation: 'BadPage', type: 'query', outcome: 'error' })).toBe(1);
    expect(value(after, 'graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBe(1);
    expect(value(after, 'graphql_request_duration_seconds_count', { operation: 'FeedPage', type: 'query' })).toBe(2);
    expect(value(after, 'graphql_request_duration_seconds_bucket', { operation: 'FeedPage', le: '+Inf' })).toBe(2);
    const statements = after.filter((s) => s.name === 'db_statements_total');
    expect(statements.reduce((sum, s) => sum + s.value, 0)).toBeGreaterThan(0);
    expect(statements.every((s) => /^[\w.:-]+$/.test(s.labels.statement))).toBe(true);
    expect(value(after, 'db_statement_duration_seconds_count', { statement: statements[0].labels.statement })).toBeGreaterThan(0);
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds']) {
      expect([name, value(after, name) !== undefined]).toEqual([name, true]);
    }
  });

  it('reports open websocket subscriptions', async () => {
    expect(value(await scrape(url), 'graphql_ws_active_subscriptions')).toBe(0);
    const subscriber = await subscribe(url, 'subscription { paperUpvoted { paper { id } } }');
    try {
      await waitUntil(() => app.websocket.activeSubscriptions() === 1);
      expect(value(await scrape(url), 'graphql_ws_active_subscriptions')).toBe(1);
    } finally {
      await subscriber.close();
    }
    await waitUntil(() => app.websocket.activeSubscriptions() === 0);
    expect(value(await scrape(url), 'graphql_ws_active_subscriptions')).toBe(0);
  });

  it('logs one line per request with operation, duration, status, request id, user id and error codes', async () => {
    const anonymous = await postGraphQL(url, 'query Anonymous { papers(first: 1) { totalCount } }');
    const { authorization, user } = await createUserWithToken(database.db, 'logged');
    const signedIn = await postGraphQL(url, 'query SignedIn { papers(first: 1) { totalCount } }', undefined, { authorization });
    const failed = await postGraphQL(url, 'query Failing { papers(first: 1000) { totalCount } }');

    const line = (requestId: string | null) => lines.find((l) => l.msg === 'graphql request' && l.requestId === requestId);
    expect(line(anonymous.headers.get('x-request-id'))).toMatchObject({
      level: 'info',
      operationName: 'Anonymous',
      operationType: 'query',
      status: 200,
      outcome: 'ok',
      userId: null,
    });
    expect(line(anonymous.headers.get('x-request-id'))!.durationMs).toEqual(expect.any(Number));
    expect(line(signedIn.headers.get('x-request-id'))).toMatchObject({ operationName: 'SignedIn', userId: user.id });
    expect(line(failed.headers.get('x-request-id'))).toMatchObject({ operationName: 'Failing', outcome: 'error', errorCodes: ['BAD_USER_INPUT'] });
    // One request line per request, and no token in any line.
    expect(lines.filter((l) => l.msg === 'graphql request' && l.requestId === anonymous.headers.get('x-request-id'))).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain(authorization.slice('Bearer '.length));
  });
});

describe('the metrics registry', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('belongs to one app: two in one process count separately', async () => {
    const first = createMetrics({ db: database.db, activeSubscriptions: () => 0 });
    const second = createMetrics({ db: database.db, activeSubscriptions: () => 3 });
    try {
      first.recordRequest({ operationName: 'Only', operationType: 'query', outcome: 'ok', durationSeconds: 0.01, errorCodes: [] });
      const one = parseMetrics(await first.registry.metrics());
      const two = parseMetrics(await second.registry.metrics());
      expect(value(one, 'graphql_requests_total', { operation: 'Only' })).toBe(1);
      expect(value(two, 'graphql_requests_total', { operation: 'Only' })).toBeUndefined();
      expect(value(two, 'graphql_ws_active_subscriptions')).toBe(3);
    } finally {
      first.close();
      second.close();
    }
  });

  it('caps client-chosen operation names so a client cannot grow the series without bound', async () => {
    const metrics = createMetrics({ db: database.db, activeSubscriptions: () => 0 });
    try {
      for (let i = 0; i < 250; i += 1) {
        metrics.recordRequest({ operationName: `Op${i}`, operationType: 'query', outcome: 'ok', durationSeconds: 0.001, errorCodes: [] });
      }
      const samples = parseMetrics(await metrics.registry.metrics()).filter((s) => s.name === 'graphql_requests_total');
      expect(samples).toHaveLength(201);
      expect(value(samples, 'graphql_requests_total', { operation: 'other' })).toBe(50);
      expect(value(samples, 'graphql_requests_total', { operation: 'Op199' })).toBe(1);
    } finally {
      metrics.close();
    }
  });

  it('labels statements by their name comment, and Prisma SQL by its verb', () => {
    expect(statementName('/* papers-by-day */ SELECT 1')).toBe('papers-by-day');
    expect(statementName('SELECT "public"."papers"."id" FROM "public"."papers"')).toBe('prisma:select');
    expect(statementName('  BEGIN')).toBe('prisma:begin');
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

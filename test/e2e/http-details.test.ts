import { getIntrospectionQuery } from 'graphql';
import { capturedLog } from '../support/captured-log';
import { createApp, type App } from '../../src/app';
import { seedPapers } from '../support/seed';
import { ENGINES } from '../support/services';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testConfig } from '../support/test-config';
import { STARTUP_TIMEOUT_MS, post, raw, type RawResponse } from './abuse-support';

// HTTP details that bite behind proxies and caches, as a client and an operator see them:
// Vary lists every header an answer depends on; the client address behind a proxy is the one the
// proxy saw; every error response carries its request id, and the log has exactly one line for
// it at the level its class deserves; a schema download costs what it costs the server.

const ORIGIN = 'https://app.example';

describe.each(ENGINES)('HTTP details (%s)', (engine) => {
  let database: TestDatabase;
  let app: App;
  let url: string;
  let lines: Array<Record<string, any>> = [];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seedPapers(database.db, 3);
    const captured = capturedLog('info');
    lines = captured.lines;
    app = await createApp(testConfig({ LOG_LEVEL: 'info', CORS_ORIGINS: ORIGIN, TRUST_PROXY_HOPS: '1' }), { db: database.db, log: captured.log });
    url = await app.start();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await app?.stop();
    await database?.close();
  });

  const varyOf = (response: { headers: Headers }) =>
    (response.headers.get('vary') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean)
      .sort();

  it('merges Vary: a cacheable answer to an allowed origin varies by Origin and by Authorization', async () => {
    const query = encodeURIComponent('{ papers(first: 1) { nodes { arxivId } } }');
    const graphql = await fetch(`${url}/graphql?query=${query}`, { headers: { origin: ORIGIN, accept: 'application/json' } });
    expect(graphql.status).toBe(200);
    expect(graphql.headers.get('cache-control')).toMatch(/public/);
    expect(graphql.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(varyOf(graphql)).toEqual(['authorization', 'origin']);

    const rest = await fetch(`${url}/api/daily_papers?limit=1`, { headers: { origin: ORIGIN } });
    expect(rest.status).toBe(200);
    expect(varyOf(rest)).toEqual(['authorization', 'origin']);

    // A refused origin gets no allow-origin header, and Vary tells a cache that the answer differs.
    const other = await fetch(`${url}/graphql?query=${query}`, { headers: { origin: 'https://evil.example', accept: 'application/json' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(varyOf(other)).toEqual(['authorization', 'origin']);
  });

  it('counts an anonymous budget by the address the trusted proxy saw, not by what the client wrote in X-Forwarded-For', async () => {
    const ask = (forwardedFor: string) => post(url, { query: '{ papers(first: 1) { nodes { arxivId } } }' }, { 'x-forwarded-for': forwardedFor });
    const first = await ask('198.51.100.1, 203.0.113.9');
    const rotated = await ask('198.51.100.2, 203.0.113.9');
    const elsewhere = await ask('198.51.100.1, 203.0.113.10');
    const remaining = (response: RawResponse) => Number(response.headers.get('x-ratelimit-remaining'));
    const cost = Number(first.headers.get('x-ratelimit-cost'));
    expect(cost).toBeGreaterThan(0);
    // Same proxy-seen address, different client-written entry: one budget, spent twice.
    expect(remaining(rotated)).toBe(remaining(first) - cost);
    // Another address the proxy saw: a budget of its own.
    expect(remaining(elsewhere)).toBe(remaining(first));
  });

  const linesFor = (requestId: string | null) => lines.filter((line) => line.requestId === requestId);

  /** The refusal carries the request id of its header in every error, and the log has one line for it, not at error level. */
  async function expectRefusal(
    response: RawResponse | Promise<RawResponse>,
    status: number,
    code: string,
    errorsOf: (json: any) => any[] = (json) => json.errors,
    // REST routes also log the in-process operation they ran ("graphql request"); the refusal is its own line.
    counted: (line: Record<string, any>) => boolean = () => true,
  ) {
    const answered = await response;
    const requestId = answered.headers.get('x-request-id');
    expect(requestId).toEqual(expect.any(String));
    expect({ status: answered.status, errors: errorsOf(answered.json) }).toEqual({
      status,
      errors: [expect.objectContaining({ extensions: expect.objectContaining({ code, requestId }) })],
    });
    // The log line is written when the response finishes; give the sink a moment.
    for (let i = 0; i < 50 && linesFor(requestId).filter(counted).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(linesFor(requestId).filter((line) => line.level === 'error')).toEqual([]);
    const logged = linesFor(requestId).filter(counted);
    expect({ code, count: logged.length, levels: logged.map((line) => line.level) }).toEqual({ code, count: 1, levels: ['info'] });
    return logged[0];
  }

  it('gives every refused request a request id and one log line at info: batch, no query, APQ mismatch, 405, 406, 415, bad JSON, unknown route', async () => {
    await expectRefusal(post(url, [{ query: '{ __typename }' }]), 400, 'BAD_REQUEST');
    await expectRefusal(post(url, {}), 400, 'BAD_REQUEST');
    await expectRefusal(raw(url, { path: '/graphql', headers: { accept: 'application/json' } }), 400, 'BAD_REQUEST');
    const apq = await expectRefusal(
      post(url, { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }),
      400,
      'BAD_REQUEST',
    );
    expect(apq).toMatchObject({ msg: 'graphql request', errorCodes: ['BAD_REQUEST'] });
    await expectRefusal(raw(url, { method: 'PUT', path: '/graphql' }), 405, 'METHOD_NOT_ALLOWED');
    await expectRefusal(
      raw(url, { method: 'POST', path: '/graphql', headers: { accept: 'text/html', 'content-type': 'application/json' }, body: '{}' }),
      406,
      'NOT_ACCEPTABLE',
    );
    await expectRefusal(
      raw(url, { method: 'POST', path: '/graphql', headers: { 'content-type': 'text/plain' }, body: '{ __typename }' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    await expectRefusal(raw(url, { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: '{' }), 400, 'BAD_REQUEST');
    const route = await expectRefusal(raw(url, { path: '/nowhere' }), 404, 'NOT_FOUND');
    expect(route).toMatchObject({ msg: 'request refused', status: 404, code: 'NOT_FOUND', path: '/nowhere' });
  });

  it('gives REST refusals the request id in the Hub-shaped body and one log line', async () => {
    const hub = (json: any) => [{ extensions: { code: json.code, requestId: json.requestId } }];
    const refusals = (line: Record<string, any>) => line.msg === 'request refused';
    const line = await expectRefusal(raw(url, { path: '/api/daily_papers?limit=abc' }), 400, 'BAD_USER_INPUT', hub, refusals);
    expect(line).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', path: '/api/daily_papers' });
    expect(await expectRefusal(raw(url, { path: '/api/papers/2599.99999' }), 404, 'NOT_FOUND', hub, refusals)).toMatchObject({ status: 404 });
  });

  it('prices the introspection query of graphql-js at what it costs (no database): ten schema downloads a minute are not rate limited', async () => {
    const query = getIntrospectionQuery();
    const costs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const response = await post(url, { query }, { 'x-forwarded-for': '192.0.2.77' });
      expect({ download: i, status: response.status, errors: response.json.errors }).toEqual({ download: i, status: 200, errors: undefined });
      expect(response.json.data.__schema.types.length).toBeGreaterThan(50);
      costs.push(Number(response.headers.get('x-ratelimit-cost')));
    }
    // The entry point carries the price (INTROSPECTION_COST), whatever it selects.
    expect(new Set(costs)).toEqual(new Set([100]));
  });
});

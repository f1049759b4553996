import { createHash } from 'node:crypto';
import { startTestServer, type TestServer } from '../support/test-server';
import { STARTUP_TIMEOUT_MS, codeOf, post, raw } from './abuse-support';

// GraphQL over HTTP: media types and status codes, CORS, persisted queries, introspection,
// production error details, and the cost-based rate limit with its headers and query field.
describe('GraphQL over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { CORS_ORIGINS: 'https://app.example' } });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => server?.close());

  it('answers application/graphql-response+json with that type, and 400 for a validation error', async () => {
    const ok = await post(server.url, { query: '{ __typename }' }, { accept: 'application/graphql-response+json' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const invalid = await post(server.url, { query: '{ nope }' }, { accept: 'application/graphql-response+json' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const legacy = await post(server.url, { query: '{ __typename }' }, { accept: 'application/json' });
    expect(legacy.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('serves queries over GET with a CSRF-safe header', async () => {
    const response = await raw(server.url, { path: '/graphql?query=%7B__typename%7D', headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers a CORS preflight from an allowed origin, and none for others', async () => {
    const allowed = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.status).toBe(204);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const actual = await post(server.url, { query: '{ __typename }' }, { origin: 'https://app.example' });
    expect(actual.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(actual.headers.get('access-control-expose-headers')).toContain('x-ratelimit-remaining');
  });

  it('runs the automatic persisted query flow: hash only, then hash and query, then hash only', async () => {
    const query = '{ papers(first: 1) { totalCount } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
    const missing = await post(server.url, { extensions });
    expect(codeOf(missing)).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(server.url, { query, extensions });
    expect(registered.json).toEqual({ data: { papers: { totalCount: 0 } } });
    const byHash = await post(server.url, { extensions });
    expect(byHash.json).toEqual({ data: { papers: { totalCount: 0 } } });
    const mismatch = await post(server.url, { query: '{ __typename }', extensions });
    expect(mismatch.status).toBe(400);
    expect(codeOf(mismatch)).toBe('BAD_REQUEST');
  });

  it('reports the rate-limit budget in headers and in the rateLimit field, spending the computed cost', async () => {
    const first = await post(server.url, { query: '{ rateLimit { cost limit remaining resetAt } }' });
    const budget = first.json.data.rateLimit;
    expect(budget).toMatchObject({ cost: 1, limit: 100000 });
    expect(first.headers.get('x-ratelimit-limit')).toBe('100000');
    expect(first.headers.get('x-ratelimit-remaining')).toBe(String(budget.remaining));
    expect(Number(first.headers.get('x-ratelimit-reset')) * 1000).toBeGreaterThanOrEqual(Date.parse(budget.resetAt) - 1000);
    const page = await post(server.url, {
      query: 'query($n: Int) { papers(first: $n) { nodes { authors { name } } } rateLimit { cost remaining } }',
      variables: { n: 50 },
    });
    // papers: 1 + 50 × (nodes 1 + authors 1) = 101, rateLimit: 1.
    expect(page.headers.get('x-ratelimit-cost')).toBe('102');
    expect(page.json.data.rateLimit).toEqual({ cost: 102, remaining: budget.remaining - 102 });
  });
});

describe('production error model', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { NODE_ENV: 'production', INTROSPECTION: 'false' } });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => server?.close());

  it('gives no field suggestions and no introspection when switched off', async () => {
    const typo = await post(server.url, { query: '{ paperz { totalCount } }' });
    expect(typo.status).toBe(400);
    expect(typo.json.errors?.[0].message).not.toMatch(/Did you mean/);
    const introspection = await post(server.url, { query: '{ __schema { types { name } } }' });
    expect(introspection.status).toBe(400);
    expect(codeOf(introspection)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('rate limiting', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_IP_POINTS: '250', RATE_LIMIT_WINDOW_MS: '60000' } });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => server?.close());

  it('answers 429 RATE_LIMITED with retry-after once the budget is spent, and a refused request spends nothing', async () => {
    const query = '{ papers(first: 100) { nodes { arxivId } } }'; // costs 101
    expect((await post(server.url, { query })).status).toBe(200);
    expect((await post(server.url, { query })).status).toBe(200);
    const refused = await post(server.url, { query });
    expect(refused.status).toBe(429);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.json.errors?.[0].extensions?.retryAfterSeconds).toBe(retryAfter);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('48');
    const cheap = await post(server.url, { query: '{ rateLimit { remaining } }' });
    expect(cheap.json.data.rateLimit.remaining).toBe(47);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFeedSources } from '../../src/import/feed-sources';
import { runImport } from '../../src/import/run-import';
import { DAILY_PAPERS } from '../../src/server/rest/hf-queries';
import { createUserWithToken } from '../support/identity-seed';
import { seedPapers } from '../support/seed';
import { postGraphQL } from '../support/graphql-client';
import { shapeProblems, type JsonSchema } from '../support/openapi-shape';
import { ENGINES } from '../support/services';
import { startTestServer, type TestServer } from '../support/test-server';

// The Hub's published schema for these endpoints, read-only reference data beside the repository
// (its copy in test/fixtures keeps the test runnable without it).
const OPENAPI: Record<string, { response200: JsonSchema }> = JSON.parse(
  readFileSync(join(__dirname, '../fixtures/hf-papers-api.openapi-excerpt.json'), 'utf8'),
);
const DAILY_ITEMS = OPENAPI['/api/daily_papers'].response200;
const PAPER_OBJECT = OPENAPI['/api/papers/{paperId}'].response200;
// Papers whose source named no submitter have no `submittedBy`; huggingface_hub reads it as optional.
const NO_SUBMITTER = ['$[].submittedBy'];

const get = (server: TestServer, path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });
const json = async (server: TestServer, path: string, headers: Record<string, string> = {}) => {
  const response = await get(server, path, headers);
  return { response, body: (await response.json()) as any };
};

describe.each(ENGINES)('Hugging Face-compatible REST (%s)', (engine) => {
  let server: TestServer;
  let bulk: string[];
  beforeAll(async () => {
    server = await startTestServer({ engine, env: { CORS_ORIGINS: 'https://app.example' } });
    await runImport(server.database.db, await listFeedSources(join(__dirname, '../fixtures/hf-daily-papers.json')));
    bulk = await seedPapers(server.database.db, 120, { day: '2025-02-03', baseline: 3 });
  }, 300_000);
  afterAll(() => server?.close());

  it('GET /api/daily_papers?date= answers daily items whose field names and types match the Hub schema', async () => {
    const { response, body } = await json(server, '/api/daily_papers?date=2025-01-15');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(shapeProblems(body, DAILY_ITEMS, '$', NO_SUBMITTER)).toEqual([]);
    expect(body.map((item: any) => item.paper.id)).toEqual(['2501.08313']);
    const [item] = body;
    // Top-level publishedAt is when it was featured (huggingface_hub's submitted_at); paper.publishedAt is arXiv's.
    expect(item.publishedAt).toBe('2025-01-15T01:23:45.678Z');
    expect(item.paper.publishedAt).toBe('2025-01-14T18:58:03.000Z');
    expect(item.paper.authors.map((a: any) => [a.name, a.hidden])).toContainEqual(['José Núñez-García', true]);
    expect(item).toMatchObject({
      numComments: 3,
      thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.08313.png',
      submittedBy: { name: 'akhaliq', fullname: 'AK' },
    });
    expect(item.paper).toMatchObject({
      upvotes: 42,
      githubStars: 2315,
      githubRepo: 'https://github.com/MiniMax-AI/MiniMax-01',
      ai_keywords: ['lightning attention', 'mixture of experts', 'long context'],
    });
  });

  it('pages with p and limit through cursors: 50 + 50 + 20 distinct papers, then []', async () => {
    const pages = await Promise.all([0, 1, 2, 3].map(async (p) => (await json(server, `/api/daily_papers?date=2025-02-03&limit=50&p=${p}`)).body));
    expect(pages.map((page) => page.length)).toEqual([50, 50, 20, 0]);
    const ids = pages.flat().map((item: any) => item.paper.id);
    expect(new Set(ids).size).toBe(120);
    expect([...ids].sort()).toEqual([...bulk].sort());
    expect((await json(server, '/api/daily_papers?date=2025-02-03')).body).toHaveLength(50); // default limit
  });

  it('filters on the featured day by week and month, by submitter, and sorts by upvotes with sort=trending', async () => {
    const week = (await json(server, '/api/daily_papers?week=2025-W03&limit=100')).body.map((item: any) => item.paper.id);
    expect(week.sort()).toEqual(['2501.08313', 'hep-th/9901001']);
    const month = (await json(server, '/api/daily_papers?month=2025-01&limit=100')).body.map((item: any) => item.paper.id);
    expect(month.sort()).toEqual(['2501.04519', '2501.08313', 'hep-th/9901001']);
    const submitted = (await json(server, '/api/daily_papers?submitter=akhaliq')).body.map((item: any) => item.paper.id);
    expect(submitted).toEqual(['2501.08313']);
    const trending = (await json(server, '/api/daily_papers?month=2025-01&sort=trending')).body.map((item: any) => item.paper.upvotes);
    expect(trending).toEqual([...trending].sort((a, b) => b - a));
    expect(trending[0]).toBe(215);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['p=-1', 'p'],
    ['p=500&limit=100', 'p'],
    ['date=2025-02-30', 'date'],
    ['date=yesterday', 'date'],
    ['week=2025-W60', 'week'],
    ['month=2025-13', 'month'],
    ['sort=oldest', 'sort'],
  ])('answers ?%s with 400 and a JSON {"error"} naming %s, never HTML', async (query, name) => {
    const { response, body } = await json(server, `/api/daily_papers?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(body).toEqual({ error: expect.stringContaining(`"${name}"`), code: 'BAD_USER_INPUT', requestId: expect.any(String) });
  });

  it('GET /api/papers/{id} answers the paper object for new- and old-style ids, with or without a version', async () => {
    const { response, body } = await json(server, '/api/papers/2501.08313v2');
    expect(response.status).toBe(200);
    expect(shapeProblems(body, PAPER_OBJECT)).toEqual([]);
    expect(body).toMatchObject({ id: '2501.08313', linkedModels: [], numTotalModels: 0 });
    for (const path of ['/api/papers/hep-th/9901001', '/api/papers/hep-th%2F9901001']) {
      expect((await json(server, path)).body).toMatchObject({ id: 'hep-th/9901001', title: expect.any(String) });
    }
  });

  it('GET /api/papers/{id} answers 404 with a JSON {"error"} for an unknown or malformed id', async () => {
    for (const id of ['2401.99999', 'not-a-paper']) {
      const { response, body } = await json(server, `/api/papers/${id}`);
      expect(response.status).toBe(404);
      expect(body).toEqual({ error: expect.stringContaining('Paper not found'), code: 'NOT_FOUND', requestId: expect.any(String) });
    }
  });

  it('GET /api/papers/search ranks full-text matches as daily items; a blank q finds nothing; limit bounds', async () => {
    const { response, body } = await json(server, '/api/papers/search?q=lightning%20attention');
    expect(response.status).toBe(200);
    expect(shapeProblems(body, DAILY_ITEMS, '$', NO_SUBMITTER)).toEqual([]);
    expect(body[0].paper.id).toBe('2501.08313');
    const many = (await json(server, '/api/papers/search?q=abstract&limit=110')).body;
    expect(many).toHaveLength(110);
    expect(new Set(many.map((item: any) => item.paper.id)).size).toBe(110);
    expect((await json(server, '/api/papers/search?q=')).body).toEqual([]);
    expect((await get(server, `/api/papers/search?q=${'a'.repeat(251)}`)).status).toBe(400);
    expect((await get(server, '/api/papers/search?q=x&limit=121')).status).toBe(400);
  });

  it('answers a repeated GET with 304 Not Modified when If-None-Match carries its ETag, and HEAD without a body', async () => {
    const first = await get(server, '/api/papers/2501.08313');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get(server, '/api/papers/2501.08313', { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await get(server, '/api/papers/2501.08313', { 'if-none-match': '"other"' })).status).toBe(200);
    const head = await fetch(`${server.url}/api/daily_papers?date=2025-01-15`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${server.url}/api/daily_papers`, { method: 'POST' })).status).toBe(405);
  });

  it('costs what the equivalent GraphQL query costs, with the same x-ratelimit-* headers and CORS', async () => {
    const rest = await get(server, '/api/daily_papers?date=2025-02-03&limit=40', { origin: 'https://app.example' });
    const graphql = await postGraphQL(server.url, DAILY_PAPERS, {
      first: 40,
      after: null,
      filter: { fromDay: '2025-02-03', toDay: '2025-02-03' },
      orderBy: null,
    });
    expect(Number(rest.headers.get('x-ratelimit-cost'))).toBeGreaterThan(1);
    expect(rest.headers.get('x-ratelimit-cost')).toBe(graphql.headers.get('x-ratelimit-cost'));
    expect(rest.headers.get('x-ratelimit-limit')).toBe(graphql.headers.get('x-ratelimit-limit'));
    expect(rest.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const preflight = await fetch(`${server.url}/api/daily_papers`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
  });

  it('shares anonymous answers through the response cache and counts REST operations in /metrics by name', async () => {
    const anonymous = await get(server, '/api/papers/2501.04519');
    expect(anonymous.headers.get('cache-control')).toMatch(/public/);
    const user = await createUserWithToken(server.database.db, 'rest');
    const signedIn = await get(server, '/api/papers/2501.04519', { authorization: user.authorization });
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    const metrics = await (await get(server, '/metrics')).text();
    expect(metrics).toMatch(/graphql_requests_total\{operation="RestPaper",type="query",outcome="ok"\} \d+/);
  });
});

describe('REST rate limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_IP_POINTS: '30' } });
    await seedPapers(server.database.db, 10, { day: '2025-02-03' });
  }, 300_000);
  afterAll(() => server?.close());

  it('answers 429 with retry-after and a JSON {"error"} once the budget is spent', async () => {
    let refused: Response | undefined;
    for (let i = 0; i < 20 && !refused; i += 1) {
      const response = await get(server, '/api/daily_papers?date=2025-02-03&limit=10');
      if (response.status === 429) refused = response;
    }
    expect(refused).toBeDefined();
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused!.json()).toEqual({ error: expect.stringContaining('Rate limit'), code: 'RATE_LIMITED', requestId: expect.any(String) });
  });
});

import Redis from 'ioredis';
import { createApp, type App } from '../../src/app';
import { createUserWithToken } from '../support/identity-seed';
import { seedPapers } from '../support/seed';
import { describeWithPostgres, describeWithRedis, TEST_REDIS_URL } from '../support/services';
import { startTcpProxy, throughProxy, type TcpProxy } from '../support/tcp-proxy';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testConfig } from '../support/test-config';
import { STARTUP_TIMEOUT_MS, codeOf, post, raw } from './abuse-support';

const UPVOTE = 'mutation($id: ID!) { upvotePaper(input: { paperId: $id }) { paper { upvoteCount } } }';

async function eventually<T>(fn: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// The real PostgreSQL behind a proxy the test cuts: requests fail fast with 503
// SERVICE_UNAVAILABLE, /readyz turns 503, and service resumes by itself with every
// acknowledged upvote kept. The shared server itself is never touched.
describeWithPostgres('PostgreSQL outage', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let app: App;
  let url: string;
  let papers: string[];
  let authorization: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    papers = await seedPapers(database.db, 5, { baseline: 0 });
    ({ authorization } = await createUserWithToken(database.db, 'outage'));
    proxy = await startTcpProxy({ host: new URL(database.url!).hostname, port: Number(new URL(database.url!).port || 5432) });
    app = await createApp(testConfig({ DATABASE_URL: throughProxy(database.url!, proxy), DB_CONNECT_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '2000' }));
    url = await app.start();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await app?.stop();
    await proxy?.close();
    await database?.close();
  });

  it('fails fast with 503 while the database is unreachable and recovers without a restart, losing no acknowledged upvote', async () => {
    const acknowledged = [];
    for (const id of papers.slice(0, 2)) {
      const response = await post(url, { query: UPVOTE, variables: { id } }, { authorization });
      expect(response.json.errors).toBeUndefined();
      acknowledged.push(id);
    }
    expect((await raw(url, { path: '/readyz' })).status).toBe(200);

    // Fails instead of waiting: the answer is a 503 with its code (DB_CONNECT_TIMEOUT_MS and the
    // client-side statement bound end the attempt; a request that hung would fail on jest's timeout).
    proxy.cut();
    const during = await post(url, { query: '{ papers(first: 5) { nodes { arxivId } } }' });
    expect(during.status).toBe(503);
    expect(codeOf(during)).toBe('SERVICE_UNAVAILABLE');
    expect(during.headers.get('retry-after')).toBe('1');
    expect(during.text).not.toMatch(/127\.0\.0\.1|ECONN|prisma|postgres|SELECT/i);
    const refusedUpvote = await post(url, { query: UPVOTE, variables: { id: papers[2] } }, { authorization });
    expect(codeOf(refusedUpvote)).toBe('SERVICE_UNAVAILABLE');
    const ready = await raw(url, { path: '/readyz' });
    expect(ready.status).toBe(503);
    expect(ready.json).toMatchObject({ status: 'unavailable' });

    proxy.restore();
    const after = await eventually(
      () => post(url, { query: '{ papers(first: 5) { nodes { arxivId upvoteCount } } }' }),
      (r) => r.status === 200,
    );
    expect(after.status).toBe(200);
    expect((await raw(url, { path: '/readyz' })).status).toBe(200);
    const counts = Object.fromEntries(after.json.data.papers.nodes.map((n: { arxivId: string; upvoteCount: number }) => [n.arxivId, n.upvoteCount]));
    for (const id of acknowledged) expect(counts[id]).toBe(1);
    expect(await database.db.prisma.upvote.count()).toBe(acknowledged.length + (codeOf(refusedUpvote) === 'SERVICE_UNAVAILABLE' ? 0 : 1));
    const again = await post(url, { query: UPVOTE, variables: { id: papers[3] } }, { authorization });
    expect(again.json.data.upvotePaper.paper.upvoteCount).toBe(1);
  });
});

// Redis behind a proxy: rate limits (and pub/sub) use it while it is up; while it is cut,
// queries and mutations keep working with per-instance limits; when it returns, counting in
// Redis resumes by itself.
describeWithRedis('Redis outage', () => {
  let proxy: TcpProxy;
  let app: App;
  let url: string;
  let redis: Redis;
  let database: TestDatabase;
  let authorization: string;
  let papers: string[];
  const key = 'ratelimit:ip:127.0.0.1';
  const IP_POINTS = 60;

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL!);
    await redis.del(key);
    const target = new URL(TEST_REDIS_URL!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    database = await createTestDatabase('pglite');
    papers = await seedPapers(database.db, 3, { baseline: 0 });
    ({ authorization } = await createUserWithToken(database.db, 'redis-outage'));
    // A small anonymous budget, so the per-instance limit can be spent while Redis is away.
    app = await createApp(testConfig({ REDIS_URL: throughProxy(TEST_REDIS_URL!, proxy), RATE_LIMIT_IP_POINTS: String(IP_POINTS) }), { db: database.db });
    url = await app.start();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await app?.stop();
    await proxy?.close();
    await database?.close();
    await redis?.del(key);
    redis?.disconnect();
  });

  it('keeps serving with per-instance limits while Redis is cut and counts in Redis again once it returns', async () => {
    await eventually(
      () => post(url, { query: '{ rateLimit { remaining } }' }).then(() => redis.get(key)),
      (value) => value !== null,
    );
    const before = Number(await redis.get(key));
    expect(before).toBeGreaterThan(0);

    proxy.cut();
    for (let i = 0; i < 3; i++) {
      const query = await post(url, { query: '{ papers(first: 3) { nodes { arxivId } } rateLimit { remaining } }' });
      expect(query.status).toBe(200);
      expect(query.json.errors).toBeUndefined();
      expect(query.headers.get('x-ratelimit-remaining')).not.toBeNull();
    }
    const upvote = await post(url, { query: UPVOTE, variables: { id: papers[0] } }, { authorization });
    expect(upvote.json.errors).toBeUndefined();
    expect(upvote.json.data.upvotePaper.paper.upvoteCount).toBe(1);
    expect(Number(await redis.get(key))).toBe(before);

    // The limit holds on this instance while Redis is away: spending the budget ends in a 429.
    let limited: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < IP_POINTS && !limited; i++) {
      const response = await post(url, { query: '{ papers(first: 3) { nodes { arxivId } } }' });
      if (response.status !== 200) limited = response;
    }
    expect(limited?.status).toBe(429);
    expect(codeOf(limited!)).toBe('RATE_LIMITED');
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(await redis.get(key))).toBe(before);

    proxy.restore();
    const resumed = await eventually(
      async () => {
        await post(url, { query: '{ rateLimit { remaining } }' });
        return Number(await redis.get(key));
      },
      (value) => value > before,
    );
    expect(resumed).toBeGreaterThan(before);
  });
});

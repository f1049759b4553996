import { createApp, type App } from '../../src/app';
import { QUERY_TIMEOUT_MARGIN_MS } from '../../src/db/client';
import { createUserWithToken } from '../support/identity-seed';
import { seedPapers } from '../support/seed';
import { describeWithPostgres } from '../support/services';
import { startTcpProxy, throughProxy, type TcpProxy } from '../support/tcp-proxy';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testConfig } from '../support/test-config';
import { STARTUP_TIMEOUT_MS, post, type RawResponse } from './abuse-support';

const UPVOTE = 'mutation($id: ID!) { upvotePaper(input: { paperId: $id }) { paper { upvoteCount } } }';
// search.totalCount and the search itself are raw SQL: the paths whose P2010 went unrecognised.
const READ = '{ search(query: "Paper", first: 3) { totalCount nodes { paper { arxivId } } } papers(first: 3) { nodes { arxivId upvoteCount } } }';
const CONNECT_TIMEOUT_MS = 1000;
const STATEMENT_TIMEOUT_MS = 1500;
// What a request may wait at most: a connection, a statement the server never answers, a
// rollback on a fresh connection, and slack for a loaded CI machine. The partition lasts longer.
const BOUND_MS = 2 * (CONNECT_TIMEOUT_MS + STATEMENT_TIMEOUT_MS + QUERY_TIMEOUT_MARGIN_MS) + 5000;
const PARTITION_MS = 30_000;

interface Outcome {
  readonly kind: 'read' | 'upvote';
  readonly paperId?: string;
  readonly response: RawResponse;
  readonly ms: number;
}

// PostgreSQL behind a proxy that resets connections or silently drops every packet, with
// requests in flight: each one answers data or 503 SERVICE_UNAVAILABLE with retry-after,
// never INTERNAL_SERVER_ERROR, within the client-side bounds; every acknowledged upvote is stored.
describeWithPostgres('PostgreSQL faults under load', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let app: App;
  let url: string;
  let papers: string[];
  let voters: string[];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    papers = await seedPapers(database.db, 40, { first: 40000, baseline: 0 });
    voters = await Promise.all(Array.from({ length: 4 }, (_, i) => createUserWithToken(database.db, `fault-${i}`).then((user) => user.authorization)));
    const target = new URL(database.url!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    app = await createApp(
      testConfig({
        DATABASE_URL: throughProxy(database.url!, proxy),
        DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
        DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
        RATE_LIMIT_IP_POINTS: '1000000',
        RATE_LIMIT_USER_POINTS: '1000000',
      }),
    );
    url = await app.start();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await app?.stop();
    await proxy?.close();
    await database?.close();
  });

  let next = 0;
  const request = async (kind: 'read' | 'upvote', voter = 0): Promise<Outcome> => {
    const started = Date.now();
    const paperId = kind === 'upvote' ? papers[next++ % papers.length] : undefined;
    const response =
      kind === 'read'
        ? await post(url, { query: READ })
        : await post(url, { query: UPVOTE, variables: { id: paperId } }, { authorization: voters[voter % voters.length] });
    return { kind, paperId, response, ms: Date.now() - started };
  };
  /** `workers` clients each sending requests back to back until stop() is called. */
  const load = (workers: number) => {
    let running = true;
    const outcomes: Outcome[] = [];
    const done = Promise.all(
      Array.from({ length: workers }, async (_, worker) => {
        while (running) outcomes.push(await request(worker % 2 === 0 ? 'read' : 'upvote', worker));
      }),
    );
    return { outcomes, stop: async () => ((running = false), await done, outcomes) };
  };
  const expectDataOr503 = (outcome: Outcome) => {
    const { response } = outcome;
    const summary = { kind: outcome.kind, status: response.status, codes: response.json.errors?.map((e) => e.extensions?.code) };
    if (response.json.errors) {
      expect(summary).toEqual({ kind: outcome.kind, status: 503, codes: response.json.errors.map(() => 'SERVICE_UNAVAILABLE') });
      expect(response.headers.get('retry-after')).toBe('1');
    } else {
      expect(summary).toEqual({ kind: outcome.kind, status: 200, codes: undefined });
    }
  };
  const expectAcknowledgedUpvotesStored = async (outcomes: Outcome[]) => {
    const acknowledged = outcomes.filter((o) => o.kind === 'upvote' && !o.response.json.errors);
    const stored = await database.db.prisma.upvote.findMany({ select: { paperId: true, user: { select: { handle: true } } } });
    const storedPapers = new Set(stored.map((row) => row.paperId));
    for (const outcome of acknowledged) expect(storedPapers.has(outcome.paperId!)).toBe(true);
  };
  const waitUntilHealthy = async () => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if ((await post(url, { query: READ })).status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the server did not recover after the fault ended');
  };

  it('answers data or 503 SERVICE_UNAVAILABLE, never an internal error, while connections are reset under load', async () => {
    const traffic = load(6);
    for (let i = 0; i < 8; i++) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      proxy.reset();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const outcomes = await traffic.stop();
    expect(outcomes.length).toBeGreaterThanOrEqual(6);
    outcomes.forEach(expectDataOr503);
    await expectAcknowledgedUpvotesStored(outcomes);
    await waitUntilHealthy();
  });

  it('answers every request in flight during a blackhole with 503 within the client-side bounds, not after the partition', async () => {
    await waitUntilHealthy();
    const traffic = load(6);
    await new Promise((resolve) => setTimeout(resolve, 300));
    proxy.blackhole();
    const partitionStarted = Date.now();
    // Requests started after the partition (each worker sends the next at once) must be bounded too.
    while (Date.now() - partitionStarted < BOUND_MS + 1000) await new Promise((resolve) => setTimeout(resolve, 250));
    const stopping = traffic.stop();
    const outcomes = await Promise.race([
      stopping,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('requests still waiting on the partition')), PARTITION_MS)),
    ]);
    proxy.restore();
    outcomes.forEach(expectDataOr503);
    expect(outcomes.filter((o) => o.response.status === 503).length).toBeGreaterThan(0);
    const slowest = Math.max(...outcomes.map((o) => o.ms));
    expect(slowest).toBeLessThanOrEqual(BOUND_MS);
    await waitUntilHealthy();
    await expectAcknowledgedUpvotesStored(outcomes);
  }, 120_000);
});

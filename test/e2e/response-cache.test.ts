import { createUserWithToken } from '../support/identity-seed';
import { seedPapers } from '../support/seed';
import { postGraphQL, type GraphQLResult } from '../support/graphql-client';
import { countStatements } from '../support/statements';
import { ENGINES } from '../support/services';
import { startTestServer, type TestServer } from '../support/test-server';

const DAY = `query ($date: Date!) { day(date: $date) { paperCount papers(first: 5) { nodes { arxivId upvoteCount viewerHasUpvoted } } } }`;
const UPVOTE = `mutation ($id: ID!) { upvotePaper(input: { paperId: $id }) { paper { upvoteCount } } }`;
const RATE_LIMIT = `{ rateLimit { remaining } papers(first: 1) { totalCount } }`;

describe.each(ENGINES)('response cache (%s)', (engine) => {
  let server: TestServer;
  let papers: string[];
  beforeAll(async () => {
    server = await startTestServer({ engine });
    papers = await seedPapers(server.database.db, 3, { day: '2025-03-03', baseline: 5 });
  });
  afterAll(() => server?.close());

  const statementsOf = (fn: () => Promise<unknown>) => countStatements(server.database.db, fn);

  it('answers a repeated anonymous query from memory, labelled public and varying on Authorization', async () => {
    const variables = { date: '2025-03-03' };
    const first = await statementsOf(() => postGraphQL(server.url, DAY, variables));
    expect(first.count).toBeGreaterThan(0);
    let again!: GraphQLResult;
    const second = await statementsOf(async () => {
      again = await postGraphQL(server.url, DAY, variables);
    });
    expect(second.count).toBe(0);
    expect(again.expectData().day.paperCount).toBe(3);
    expect(again.headers.get('cache-control')).toBe('max-age=15, public');
    expect(again.headers.get('vary')).toBe('Authorization');
    expect(again.headers.get('age')).toMatch(/^\d+$/);
    // Other variables are another entry.
    const otherDay = await statementsOf(() => postGraphQL(server.url, DAY, { date: '2025-03-04' }));
    expect(otherDay.count).toBeGreaterThan(0);
  });

  it('drops what it holds when a mutation succeeds, so the next anonymous read sees the write', async () => {
    const [paper] = papers;
    const read = async () => (await postGraphQL(server.url, DAY, { date: '2025-03-03' })).expectData().day.papers.nodes.find((p: any) => p.arxivId === paper);
    const before = await read();
    expect((await read()).upvoteCount).toBe(before.upvoteCount); // served from the cache
    const user = await createUserWithToken(server.database.db, 'cache');
    const upvote = await postGraphQL(server.url, UPVOTE, { id: paper }, { authorization: user.authorization });
    expect(upvote.headers.get('cache-control')).toBe('no-store');
    expect(upvote.expectData().upvotePaper.paper.upvoteCount).toBe(before.upvoteCount + 1);
    expect(await read()).toEqual({ arxivId: paper, upvoteCount: before.upvoteCount + 1, viewerHasUpvoted: false });

    // The signed-in caller is never served the anonymous entry, and its own answer is not stored.
    const mine = await postGraphQL(server.url, DAY, { date: '2025-03-03' }, { authorization: user.authorization });
    expect(mine.headers.get('cache-control')).toBe('no-store');
    expect(mine.expectData().day.papers.nodes.find((p: any) => p.arxivId === paper).viewerHasUpvoted).toBe(true);
    expect((await read()).viewerHasUpvoted).toBe(false);
  });

  it('never caches what differs between anonymous callers (rateLimit) or a response with errors', async () => {
    const first = (await postGraphQL(server.url, RATE_LIMIT)).expectData().rateLimit.remaining;
    const second = await postGraphQL(server.url, RATE_LIMIT);
    expect(second.expectData().rateLimit.remaining).toBeLessThan(first);
    expect(second.headers.get('cache-control')).toBe('no-store');

    // An error raised while executing (not a validation error): Apollo would otherwise store it.
    const failing = `{ papers(first: 101) { totalCount } }`;
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await postGraphQL(server.url, failing);
      expect(error.expectError('BAD_USER_INPUT').message).toMatch(/first/);
      expect(error.headers.get('cache-control')).toBe('no-store');
      expect(error.headers.get('age')).toBeNull();
    }
  });
});

describe('response cache lifetime (pglite)', () => {
  it('serves a write made behind its back (an import) for at most RESPONSE_CACHE_TTL_SECONDS', async () => {
    const server = await startTestServer({ env: { RESPONSE_CACHE_TTL_SECONDS: '1' } });
    try {
      const [paper] = await seedPapers(server.database.db, 1, { day: '2025-03-05', baseline: 1 });
      const count = async () => (await postGraphQL(server.url, `{ paper(id: "${paper}") { upvoteCount } }`)).expectData().paper.upvoteCount;
      expect(await count()).toBe(1);
      await server.database.db.prisma.paper.update({ where: { id: paper }, data: { importedUpvoteCount: 9 } });
      expect(await count()).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(await count()).toBe(9);
    } finally {
      await server.close();
    }
  });

  it('is off with RESPONSE_CACHE_TTL_SECONDS=0: every request executes and nothing is labelled cacheable', async () => {
    const server = await startTestServer({ env: { RESPONSE_CACHE_TTL_SECONDS: '0' } });
    try {
      await seedPapers(server.database.db, 2, { day: '2025-03-06' });
      const query = () => postGraphQL(server.url, DAY, { date: '2025-03-06' });
      await query();
      const again = await countStatements(server.database.db, async () => {
        const result = await query();
        expect(result.headers.get('cache-control')).toBe('no-store');
      });
      expect(again.count).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});

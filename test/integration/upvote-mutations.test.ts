import type { Viewer } from '../../src/context';
import { toGlobalId } from '../../src/lib/global-id';
import { createExecutor, type Executor } from '../support/execute';
import { createUserWithToken, seedPapers } from '../support/identity-seed';
import { ENGINES } from '../support/services';
import { countStatements } from '../support/statements';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const UPVOTE = `mutation ($id: ID!, $m: String) {
  upvotePaper(input: { paperId: $id, clientMutationId: $m }) { clientMutationId paper { arxivId upvoteCount viewerHasUpvoted } }
}`;
const REMOVE = `mutation ($id: ID!) { removeUpvote(input: { paperId: $id }) { paper { arxivId upvoteCount viewerHasUpvoted } } }`;
const PAPER = `query ($id: ID!, $first: Int, $after: String) {
  paper(id: $id) { upvoteCount viewerHasUpvoted upvoters(first: $first, after: $after) { totalCount nodes { handle } pageInfo { hasNextPage endCursor } } }
}`;

describe.each(ENGINES)('upvote mutations on %s', (engine) => {
  let database: TestDatabase;
  let execute: Executor;
  let papers: string[];
  let alice: Viewer;
  let bob: Viewer;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    execute = await createExecutor(database.db);
    papers = await seedPapers(database.db, 120, { baseline: 5 });
    alice = (await createUserWithToken(database.db, 'alice')).viewer;
    bob = (await createUserWithToken(database.db, 'bob')).viewer;
  });
  afterAll(async () => {
    await execute.apollo.stop();
    await database.close();
  });

  it('upvotes once however often it is called, and passes clientMutationId through', async () => {
    const first = await execute(UPVOTE, { id: papers[0], m: 'req-1' }, alice);
    expect(first.errors).toBeUndefined();
    expect(first.data.upvotePaper).toEqual({ clientMutationId: 'req-1', paper: { arxivId: papers[0], upvoteCount: 6, viewerHasUpvoted: true } });
    const again = await execute(UPVOTE, { id: toGlobalId('Paper', papers[0]) }, alice);
    expect(again.data.upvotePaper).toEqual({ clientMutationId: null, paper: { arxivId: papers[0], upvoteCount: 6, viewerHasUpvoted: true } });
    expect(await database.db.prisma.upvote.count({ where: { paperId: papers[0] } })).toBe(1);
  });

  it('removes an upvote idempotently and accepts a versioned arXiv id', async () => {
    await execute(UPVOTE, { id: papers[1] }, bob);
    const removed = await execute(REMOVE, { id: `${papers[1]}v3` }, bob);
    expect(removed.data.removeUpvote.paper).toEqual({ arxivId: papers[1], upvoteCount: 5, viewerHasUpvoted: false });
    const again = await execute(REMOVE, { id: papers[1] }, bob);
    expect(again.data.removeUpvote.paper).toEqual({ arxivId: papers[1], upvoteCount: 5, viewerHasUpvoted: false });
  });

  it('shows viewerHasUpvoted per viewer, false when anonymous', async () => {
    await execute(UPVOTE, { id: papers[2] }, alice);
    const asAlice = await execute(PAPER, { id: papers[2] }, alice);
    const asBob = await execute(PAPER, { id: papers[2] }, bob);
    const anonymous = await execute(PAPER, { id: papers[2] }, null);
    expect([asAlice.data.paper.viewerHasUpvoted, asBob.data.paper.viewerHasUpvoted, anonymous.data.paper.viewerHasUpvoted]).toEqual([true, false, false]);
  });

  it('lists upvoters newest first and pages through them with cursors', async () => {
    const voters = [];
    for (let i = 0; i < 5; i += 1) voters.push((await createUserWithToken(database.db, `voter${i}`)).viewer);
    for (const voter of voters) await execute(UPVOTE, { id: papers[3] }, voter);
    const page1 = await execute(PAPER, { id: papers[3], first: 3 }, null);
    expect(page1.errors).toBeUndefined();
    const upvoters1 = page1.data.paper.upvoters;
    expect(upvoters1.totalCount).toBe(5);
    expect(upvoters1.nodes.map((n: { handle: string }) => n.handle)).toEqual([voters[4], voters[3], voters[2]].map((v) => v.handle));
    expect(upvoters1.pageInfo.hasNextPage).toBe(true);
    const page2 = await execute(PAPER, { id: papers[3], first: 3, after: upvoters1.pageInfo.endCursor }, null);
    expect(page2.data.paper.upvoters.nodes.map((n: { handle: string }) => n.handle)).toEqual([voters[1], voters[0]].map((v) => v.handle));
    expect(page2.data.paper.upvoters.pageInfo.hasNextPage).toBe(false);
    expect(page2.data.paper.upvoteCount).toBe(10);
  });

  it('refuses a malformed upvoters cursor with BAD_USER_INPUT naming after', async () => {
    const result = await execute(PAPER, { id: papers[3], first: 3, after: 'bm9wZQ' }, null);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
  });

  it('lists the viewer\'s upvoted papers, most recent first; null viewer when anonymous', async () => {
    const carol = (await createUserWithToken(database.db, 'carol')).viewer;
    for (const id of [papers[10], papers[11], papers[12]]) await execute(UPVOTE, { id }, carol);
    const query = `query ($after: String) { viewer { handle scopes user { handle } upvotedPapers(first: 2, after: $after) { totalCount nodes { arxivId viewerHasUpvoted } pageInfo { endCursor hasNextPage } } } }`;
    const first = await execute(query, {}, carol);
    expect(first.errors).toBeUndefined();
    expect(first.data.viewer).toMatchObject({ handle: carol.handle, scopes: ['read', 'write'], user: { handle: carol.handle } });
    expect(first.data.viewer.upvotedPapers.nodes).toEqual([{ arxivId: papers[12], viewerHasUpvoted: true }, { arxivId: papers[11], viewerHasUpvoted: true }]);
    expect(first.data.viewer.upvotedPapers.totalCount).toBe(3);
    const second = await execute(query, { after: first.data.viewer.upvotedPapers.pageInfo.endCursor }, carol);
    expect(second.data.viewer.upvotedPapers.nodes).toEqual([{ arxivId: papers[10], viewerHasUpvoted: true }]);
    expect((await execute(query, {}, null)).data.viewer).toBeNull();
  });

  it('refuses anonymous callers with UNAUTHENTICATED (401) and read-only tokens with FORBIDDEN, writing nothing', async () => {
    const before = await database.db.prisma.upvote.count();
    const anonymous = await execute(UPVOTE, { id: papers[20] }, null);
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const reader = (await createUserWithToken(database.db, 'reader', ['read'])).viewer;
    const readOnly = await execute(UPVOTE, { id: papers[20] }, reader);
    expect(readOnly.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'write' });
    const removal = await execute(REMOVE, { id: papers[20] }, reader);
    expect(removal.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await database.db.prisma.upvote.count()).toBe(before);
  });

  it('answers an unknown paper with NOT_FOUND and a malformed id with BAD_USER_INPUT naming paperId', async () => {
    const unknown = await execute(UPVOTE, { id: '2501.99999' }, alice);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    const malformed = await execute(UPVOTE, { id: 'not an id' }, alice);
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'paperId' });
    const otherType = await execute(UPVOTE, { id: toGlobalId('Author', 1) }, alice);
    expect(otherType.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'paperId' });
  });

  it('reads viewerHasUpvoted and upvoters for a page of papers in the same statements for 10 and 100 papers', async () => {
    const feed = `query ($first: Int) { papers(first: $first) { nodes { arxivId upvoteCount viewerHasUpvoted upvoters(first: 3) { totalCount nodes { handle } } } } }`;
    const run = async (first: number) => {
      const result = await execute(feed, { first }, alice);
      expect(result.errors).toBeUndefined();
      expect(result.data.papers.nodes).toHaveLength(first);
    };
    const small = await countStatements(database.db, () => run(10));
    const large = await countStatements(database.db, () => run(100));
    // Sorted: on PostgreSQL independent batches run in parallel on the pool and may log in either order.
    expect([...large.names].sort()).toEqual([...small.names].sort());
    expect(small.names).toEqual(expect.arrayContaining(['upvotersByPaperIds']));
    expect(small.count).toBeLessThanOrEqual(4);
  });

  it('writes an upvote with one insert and one read in a single transaction', async () => {
    const counted = await countStatements(database.db, async () => {
      const result = await execute(UPVOTE, { id: papers[30] }, bob);
      expect(result.data.upvotePaper.paper.viewerHasUpvoted).toBe(true);
    });
    expect(counted.names.filter((name) => !/BEGIN|COMMIT/i.test(name))).toEqual(['upvotePaper', expect.stringMatching(/^SELECT/)]);
  });

  it('keeps upvoteCount = imported baseline + stored upvotes under hundreds of concurrent upvotes and removals', async () => {
    const targets = papers.slice(100, 104);
    const users = [];
    for (let i = 0; i < 30; i += 1) users.push((await createUserWithToken(database.db, `crowd${i}`)).viewer);
    const operations = [];
    for (let round = 0; round < 3; round += 1) {
      for (const [u, user] of users.entries()) {
        for (const [t, target] of targets.entries()) {
          const remove = (u + t + round) % 3 === 0;
          operations.push(execute(remove ? REMOVE : UPVOTE, { id: target }, user));
        }
      }
    }
    expect(operations.length).toBe(360);
    const results = await Promise.all(operations);
    expect(results.filter((result) => result.errors)).toEqual([]);
    const rows = await database.db.prisma.paper.findMany({
      where: { id: { in: targets } },
      select: { id: true, upvoteCount: true, importedUpvoteCount: true, _count: { select: { upvotes: true } } },
    });
    for (const row of rows) expect({ id: row.id, count: row.upvoteCount }).toEqual({ id: row.id, count: row.importedUpvoteCount + row._count.upvotes });
    expect(rows.some((row) => row._count.upvotes > 0)).toBe(true);
  });
});

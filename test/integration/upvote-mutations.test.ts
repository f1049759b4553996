import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Viewer } from '../../src/context';
import { toGlobalId } from '../../src/lib/global-id';
import { createExecutor, type Executor } from '../support/execute';
import { createUserWithToken } from '../support/identity-seed';
import { seedPapers } from '../support/seed';
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

type UpvotedPaper = { arxivId: string; upvoteCount: number; viewerHasUpvoted: boolean };
type Upvote = { upvotePaper: { clientMutationId: string | null; paper: UpvotedPaper } };
type Removal = { removeUpvote: { paper: UpvotedPaper } };
type PaperUpvoters = {
  paper: {
    upvoteCount: number;
    viewerHasUpvoted: boolean;
    upvoters: { totalCount: number; nodes: Array<{ handle: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  };
};

/** A statement's name comment, or its first word (BEGIN, COMMIT, SELECT). */
const nameOf = (sql: string) => /^\s*\/\*\s*([\w-]+)\s*\*\//.exec(sql)?.[1] ?? sql.trim().split(/\s+/)[0];

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
    const first = (await execute<Upvote>(UPVOTE, { id: papers[0], m: 'req-1' }, alice)).expectData();
    expect(first.upvotePaper).toEqual({ clientMutationId: 'req-1', paper: { arxivId: papers[0], upvoteCount: 6, viewerHasUpvoted: true } });
    const again = (await execute<Upvote>(UPVOTE, { id: toGlobalId('Paper', papers[0]) }, alice)).expectData();
    expect(again.upvotePaper).toEqual({ clientMutationId: null, paper: { arxivId: papers[0], upvoteCount: 6, viewerHasUpvoted: true } });
    expect(await database.db.prisma.upvote.count({ where: { paperId: papers[0] } })).toBe(1);
  });

  it('removes an upvote idempotently and accepts a versioned arXiv id', async () => {
    await execute(UPVOTE, { id: papers[1] }, bob);
    const removed = (await execute<Removal>(REMOVE, { id: `${papers[1]}v3` }, bob)).expectData();
    expect(removed.removeUpvote.paper).toEqual({ arxivId: papers[1], upvoteCount: 5, viewerHasUpvoted: false });
    const again = (await execute<Removal>(REMOVE, { id: papers[1] }, bob)).expectData();
    expect(again.removeUpvote.paper).toEqual({ arxivId: papers[1], upvoteCount: 5, viewerHasUpvoted: false });
  });

  it('shows viewerHasUpvoted per viewer, false when anonymous', async () => {
    await execute(UPVOTE, { id: papers[2] }, alice);
    const seenBy = async (viewer: Viewer | null) => (await execute<PaperUpvoters>(PAPER, { id: papers[2] }, viewer)).expectData().paper.viewerHasUpvoted;
    expect([await seenBy(alice), await seenBy(bob), await seenBy(null)]).toEqual([true, false, false]);
  });

  it('lists upvoters newest first and pages through them with cursors', async () => {
    const voters = [];
    for (let i = 0; i < 5; i += 1) voters.push((await createUserWithToken(database.db, `voter${i}`)).viewer);
    for (const voter of voters) await execute(UPVOTE, { id: papers[3] }, voter);
    const upvoters1 = (await execute<PaperUpvoters>(PAPER, { id: papers[3], first: 3 }, null)).expectData().paper.upvoters;
    expect(upvoters1.totalCount).toBe(5);
    expect(upvoters1.nodes.map((n) => n.handle)).toEqual([voters[4], voters[3], voters[2]].map((v) => v.handle));
    expect(upvoters1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await execute<PaperUpvoters>(PAPER, { id: papers[3], first: 3, after: upvoters1.pageInfo.endCursor }, null)).expectData().paper;
    expect(page2.upvoters.nodes.map((n) => n.handle)).toEqual([voters[1], voters[0]].map((v) => v.handle));
    expect(page2.upvoters.pageInfo.hasNextPage).toBe(false);
    expect(page2.upvoteCount).toBe(10);
  });

  it('refuses a malformed upvoters cursor with BAD_USER_INPUT naming after', async () => {
    (await execute(PAPER, { id: papers[3], first: 3, after: 'bm9wZQ' }, null)).expectError('BAD_USER_INPUT', 'after');
  });

  it("lists the viewer's upvoted papers, most recent first; null viewer when anonymous", async () => {
    const carol = (await createUserWithToken(database.db, 'carol')).viewer;
    for (const id of [papers[10], papers[11], papers[12]]) await execute(UPVOTE, { id }, carol);
    const query = `query ($after: String) { viewer { handle scopes user { handle } upvotedPapers(first: 2, after: $after) { totalCount nodes { arxivId viewerHasUpvoted } pageInfo { endCursor hasNextPage } } } }`;
    type Upvoted = {
      viewer: {
        handle: string;
        upvotedPapers: { totalCount: number; nodes: Array<{ arxivId: string; viewerHasUpvoted: boolean }>; pageInfo: { endCursor: string | null } };
      } | null;
    };
    const first = (await execute<Upvoted>(query, {}, carol)).expectData().viewer!;
    expect(first).toMatchObject({ handle: carol.handle, scopes: ['read', 'write'], user: { handle: carol.handle } });
    expect(first.upvotedPapers.nodes).toEqual([
      { arxivId: papers[12], viewerHasUpvoted: true },
      { arxivId: papers[11], viewerHasUpvoted: true },
    ]);
    expect(first.upvotedPapers.totalCount).toBe(3);
    const second = (await execute<Upvoted>(query, { after: first.upvotedPapers.pageInfo.endCursor }, carol)).expectData().viewer!;
    expect(second.upvotedPapers.nodes).toEqual([{ arxivId: papers[10], viewerHasUpvoted: true }]);
    expect((await execute<Upvoted>(query, {}, null)).expectData().viewer).toBeNull();
  });

  it('refuses anonymous callers with UNAUTHENTICATED (401) and read-only tokens with FORBIDDEN, writing nothing', async () => {
    const before = await database.db.prisma.upvote.count();
    (await execute(UPVOTE, { id: papers[20] }, null)).expectError('UNAUTHENTICATED');
    const reader = (await createUserWithToken(database.db, 'reader', ['read'])).viewer;
    expect((await execute(UPVOTE, { id: papers[20] }, reader)).expectError('FORBIDDEN').extensions).toMatchObject({ requiredScope: 'write' });
    (await execute(REMOVE, { id: papers[20] }, reader)).expectError('FORBIDDEN');
    expect(await database.db.prisma.upvote.count()).toBe(before);
  });

  it('answers an unknown paper with NOT_FOUND and a malformed id with BAD_USER_INPUT naming paperId', async () => {
    (await execute(UPVOTE, { id: '2501.99999' }, alice)).expectError('NOT_FOUND');
    (await execute(UPVOTE, { id: 'not an id' }, alice)).expectError('BAD_USER_INPUT', 'paperId');
    (await execute(UPVOTE, { id: toGlobalId('Author', 1) }, alice)).expectError('BAD_USER_INPUT', 'paperId');
  });

  it('reads viewerHasUpvoted and upvoters for a page of papers in the same statements for 10 and 100 papers', async () => {
    const feed = `query ($first: Int) { papers(first: $first) { nodes { arxivId upvoteCount viewerHasUpvoted upvoters(first: 3) { totalCount nodes { handle } } } } }`;
    const run = async (first: number) => {
      const result = (await execute<{ papers: { nodes: unknown[] } }>(feed, { first }, alice)).expectData();
      expect(result.papers.nodes).toHaveLength(first);
    };
    const small = await countStatements(database.db, () => run(10));
    const large = await countStatements(database.db, () => run(100));
    // Sorted: on PostgreSQL independent batches run in parallel on the pool and may log in either order.
    expect([...large.names].sort()).toEqual([...small.names].sort());
    expect(small.names).toEqual(expect.arrayContaining(['upvotersByPaperIds']));
    expect(small.count).toBeLessThanOrEqual(4);
  });

  it('writes an upvote with one insert and one read in a single transaction', async () => {
    // Prisma's query log shows neither the BEGIN (the driver adapters send it themselves) nor, on
    // PGlite, a real COMMIT. So the transaction is observed where it happens: on PostgreSQL every
    // statement pg sends, with its connection; on PGlite, PGlite's own transaction() around them.
    const log: string[] = [];
    const connections = new Set<unknown>();
    const spies: jest.SpyInstance[] = [];
    if (engine === 'postgres') {
      const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
      spies.push(
        jest.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
          const sql = typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text;
          log.push(nameOf(sql));
          connections.add(this);
          return query.apply(this, args);
        } as never),
      );
    } else {
      const transaction = PGlite.prototype.transaction;
      spies.push(
        jest.spyOn(PGlite.prototype, 'transaction').mockImplementation(function (this: PGlite, callback) {
          log.push('BEGIN');
          return transaction.call(this, async (tx) => {
            const result = await callback(tx);
            log.push('COMMIT');
            return result;
          });
        }),
      );
      const stop = database.db.onStatement(({ sql }) => {
        if (!/^--/.test(sql)) log.push(nameOf(sql));
      });
      spies.push({ mockRestore: stop } as unknown as jest.SpyInstance);
    }
    try {
      const result = (await execute<Upvote>(UPVOTE, { id: papers[30] }, bob)).expectData();
      expect(result.upvotePaper.paper.viewerHasUpvoted).toBe(true);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(log).toEqual(['BEGIN', 'upvotePaper', expect.stringMatching(/^SELECT/), 'COMMIT']);
    if (engine === 'postgres') expect(connections.size).toBe(1);
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

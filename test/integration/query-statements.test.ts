import type { Db } from '../../src/db/client';
import { createExecutor, type Executor } from '../support/execute';
import { ENGINES } from '../support/services';
import { createUserWithToken } from '../support/identity-seed';
import { countStatements } from '../support/statements';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The N+1 guard: statements per request must not grow with the page size. Names are compared
// as multisets: on PostgreSQL, statements of one batch tick run on several pool connections and
// may be observed in either order.
const sorted = (names: readonly string[]) => [...names].sort();

const DAY = '2025-10-13';
const PAPERS_ON_DAY = 120;
const AUTHORS = 40;
// Earlier days with a few papers each, so a query over several days can show whether it costs one
// statement in all or one per day.
const EARLIER_DAYS = ['2025-10-08', '2025-10-09', '2025-10-10', '2025-10-11', '2025-10-12'];
const PAPERS_ON_EARLIER_DAY = 4;

async function seedBigDay(db: Db): Promise<number> {
  const { prisma } = db;
  await prisma.day.create({ data: { date: new Date(DAY) } });
  await prisma.paper.createMany({
    data: Array.from({ length: PAPERS_ON_DAY }, (_, i) => ({
      id: `2510.${String(i).padStart(5, '0')}`,
      title: `Paper ${i}`,
      abstract: 'Synthetic.',
      dayDate: new Date(DAY),
      importedUpvoteCount: (i * 37) % 50,
    })),
  });
  await prisma.author.createMany({ data: Array.from({ length: AUTHORS }, (_, i) => ({ name: `Author ${i}`, matchKey: `name:Author ${i}` })) });
  const authors = await prisma.author.findMany({ orderBy: { id: 'asc' } });
  // Every paper has 3 authors; author 0 is on every paper, so its page can hold 100.
  await prisma.paperAuthor.createMany({
    data: Array.from({ length: PAPERS_ON_DAY }, (_, i) =>
      [0, 1 + (i % (AUTHORS - 1)), 1 + ((i + 7) % (AUTHORS - 1))].map((a, position) => ({
        paperId: `2510.${String(i).padStart(5, '0')}`,
        position,
        authorId: authors[a].id,
      })),
    ).flat(),
  });
  await prisma.day.createMany({ data: EARLIER_DAYS.map((date) => ({ date: new Date(date) })) });
  await prisma.paper.createMany({
    data: EARLIER_DAYS.flatMap((date, d) =>
      Array.from({ length: PAPERS_ON_EARLIER_DAY }, (_, i) => ({
        id: `2510.${String(90_000 + d * 100 + i)}`,
        title: `Earlier paper ${d}-${i}`,
        abstract: 'Synthetic.',
        dayDate: new Date(date),
        importedUpvoteCount: i,
      })),
    ),
  });
  return authors[0].id;
}

describe.each(ENGINES)('statements per request on %s', (engine) => {
  let database: TestDatabase;
  let execute: Executor;
  let authorId: string;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const id = await seedBigDay(database.db);
    authorId = Buffer.from(`Author:${id}`).toString('base64url');
    execute = await createExecutor(database.db);
  });
  afterAll(async () => {
    await execute.apollo.stop();
    await database.close();
  });

  async function measure(query: string, variables: Record<string, unknown>) {
    let result: { data?: any; errors?: any[] } = {};
    const counted = await countStatements(database.db, async () => {
      result = await execute(query, variables);
    });
    expect(result.errors).toBeUndefined();
    return { ...counted, data: result.data };
  }

  it('day feed: first 10 and first 100, each paper with authors, issue the same 2 statements (the day brings its count, the page its bylines)', async () => {
    const query =
      'query($first: Int) { day(date: "2025-10-13") { date paperCount papers(first: $first) { nodes { arxivId upvoteCount authors { name } authorCount } } } }';
    const small = await measure(query, { first: 10 });
    const large = await measure(query, { first: 100 });
    expect(small.data.day.papers.nodes).toHaveLength(10);
    expect(large.data.day.papers.nodes).toHaveLength(100);
    expect(sorted(large.names)).toEqual(sorted(small.names));
    expect(sorted(small.names)).toEqual(['daysByDate', 'papersOfDays']);
    expect(large.data.day.paperCount).toBeGreaterThanOrEqual(100);
  });

  it('author page nested two levels (author → papers → authors) is the same for 10 and 100', async () => {
    const query =
      'query($id: ID!, $first: Int) { author(id: $id) { name paperCount papers(first: $first) { nodes { arxivId authors { name paperCount } } } } }';
    const small = await measure(query, { id: authorId, first: 10 });
    const large = await measure(query, { id: authorId, first: 100 });
    expect(large.data.author.papers.nodes).toHaveLength(100);
    expect(sorted(large.names)).toEqual(sorted(small.names));
    // The page brings its bylines; the byline authors' counts are one batch.
    expect(sorted(small.names)).toEqual(['authorsById', 'paperCountsByAuthor', 'papersOfAuthors']);
  });

  it('signed in, the day feed and the author page read viewerHasUpvoted with their page: no statement of its own', async () => {
    const { viewer } = await createUserWithToken(database.db, 'reader');
    const dayFeed = 'query($first: Int) { day(date: "2025-10-13") { papers(first: $first) { nodes { arxivId viewerHasUpvoted authors { name } } } } }';
    const authorPage = 'query($id: ID!) { author(id: $id) { papers(first: 100) { nodes { arxivId viewerHasUpvoted } } } }';
    // The reader upvoted two papers of each page.
    const dayIds = (await execute(dayFeed, { first: 10 })).data.day.papers.nodes.map((node: { arxivId: string }) => node.arxivId);
    const authorIds = (await execute(authorPage, { id: authorId })).data.author.papers.nodes.map((node: { arxivId: string }) => node.arxivId);
    const upvoted = new Set([dayIds[1], dayIds[5], authorIds[40], authorIds[99]]);
    await database.db.prisma.upvote.createMany({ data: [...upvoted].map((paperId) => ({ userId: viewer.userId, paperId })) });

    const signedIn = async (query: string, variables: Record<string, unknown>) => {
      let result: { data?: any; errors?: any[] } = {};
      const counted = await countStatements(database.db, async () => {
        result = await execute(query, variables, viewer);
      });
      expect(result.errors).toBeUndefined();
      return { names: sorted(counted.names), data: result.data };
    };
    for (const first of [10, 100]) {
      const { names, data } = await signedIn(dayFeed, { first });
      expect(names).toEqual(['daysByDate', 'papersOfDays']);
      for (const node of data.day.papers.nodes) expect(node.viewerHasUpvoted).toBe(upvoted.has(node.arxivId));
      expect(data.day.papers.nodes.filter((node: { viewerHasUpvoted: boolean }) => node.viewerHasUpvoted).length).toBeGreaterThanOrEqual(2);
    }
    const { names, data } = await signedIn(authorPage, { id: authorId });
    expect(names).toEqual(['authorsById', 'papersOfAuthors']);
    for (const node of data.author.papers.nodes) expect(node.viewerHasUpvoted).toBe(upvoted.has(node.arxivId));
    // Anonymous, the same page reads no upvotes and answers false everywhere.
    const anonymous = await execute(authorPage, { id: authorId });
    expect(anonymous.data.author.papers.nodes.some((node: { viewerHasUpvoted: boolean }) => node.viewerHasUpvoted)).toBe(false);
  });

  it('a page brings the same bylines as the byline statement (byline order, hidden flags)', async () => {
    const page = '{ day(date: "2025-10-13") { papers(first: 100) { nodes { arxivId authors { id name handle } authorsHidden authorCount } } } }';
    const first = (await execute(page)).data.day.papers.nodes[0].arxivId;
    await database.db.prisma.paperAuthor.updateMany({ where: { paperId: first, position: 1 }, data: { hidden: true } });
    // paper(id) reads its byline with the authorsByPaperId statement; the day feed brings it along with the page.
    const viaPage = await execute(page);
    expect(viaPage.errors).toBeUndefined();
    expect(viaPage.data.day.papers.nodes[0].authorsHidden).toEqual([false, true, false]);
    for (const node of viaPage.data.day.papers.nodes.slice(0, 12)) {
      const alone = await execute('query($id: ID!) { paper(id: $id) { authors { id name handle } authorsHidden authorCount } }', { id: node.arxivId });
      expect(alone.data.paper).toEqual({ authors: node.authors, authorsHidden: node.authorsHidden, authorCount: node.authorCount });
    }
  });

  it("a list of authors with their papers and those papers' authors stays batched", async () => {
    const query = 'query($first: Int) { authors(first: $first) { nodes { name papers(first: 5) { nodes { arxivId authors { name } } totalCount } } } }';
    const small = await measure(query, { first: 3 });
    const large = await measure(query, { first: 40 });
    expect(large.data.authors.nodes).toHaveLength(40);
    expect(sorted(large.names)).toEqual(sorted(small.names));
    expect(small.names).toContain('papersOfAuthors');
  });

  it('days with their papers: one window statement for all days', async () => {
    const query = 'query($first: Int) { days(first: 5) { nodes { date papers(first: $first) { nodes { arxivId authors { name } } } } } }';
    const small = await measure(query, { first: 10 });
    const large = await measure(query, { first: 100 });
    // Five days, every one with papers: a statement per day would show up as five papersOfDays.
    expect(small.data.days.nodes.map((day: { date: string }) => day.date)).toEqual([DAY, ...EARLIER_DAYS.slice(-4).reverse()]);
    for (const day of small.data.days.nodes) expect(day.papers.nodes.length).toBeGreaterThan(0);
    expect(large.data.days.nodes[0].papers.nodes).toHaveLength(100);
    expect(sorted(large.names)).toEqual(sorted(small.names));
    expect(small.names.filter((name) => name === 'papersOfDays')).toHaveLength(1);
  });

  it('search and trending pages do not grow with the page size', async () => {
    for (const query of [
      'query($first: Int) { search(query: "paper", first: $first) { nodes { rank snippet paper { arxivId authors { name } } } } }',
      'query($first: Int) { trending(period: DAY, date: "2025-10-13", first: $first) { nodes { arxivId authors { name } } } }',
    ]) {
      const small = await measure(query, { first: 10 });
      const large = await measure(query, { first: 100 });
      expect(sorted(large.names)).toEqual(sorted(small.names));
      expect(small.count).toBeLessThanOrEqual(3);
    }
  });
});

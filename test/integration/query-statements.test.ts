import type { Db } from '../../src/db/client';
import { createExecutor, type Executor } from '../support/execute';
import { ENGINES } from '../support/services';
import { countStatements } from '../support/statements';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The N+1 guard: statements per request must not grow with the page size. Names are compared
// as multisets: on PostgreSQL, statements of one batch tick run on several pool connections and
// may be observed in either order.
const sorted = (names: readonly string[]) => [...names].sort();

const DAY = '2025-10-13';
const PAPERS_ON_DAY = 120;
const AUTHORS = 40;

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
    data: Array.from({ length: PAPERS_ON_DAY }, (_, i) => [0, 1 + (i % (AUTHORS - 1)), 1 + ((i + 7) % (AUTHORS - 1))].map((a, position) => ({
      paperId: `2510.${String(i).padStart(5, '0')}`,
      position,
      authorId: authors[a].id,
    }))).flat(),
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

  it('day feed: first 10 and first 100, each paper with authors, issue the same 3 statements (the day brings its count)', async () => {
    const query = 'query($first: Int) { day(date: "2025-10-13") { date paperCount papers(first: $first) { nodes { arxivId upvoteCount authors { name } authorCount } } } }';
    const small = await measure(query, { first: 10 });
    const large = await measure(query, { first: 100 });
    expect(small.data.day.papers.nodes).toHaveLength(10);
    expect(large.data.day.papers.nodes).toHaveLength(100);
    expect(sorted(large.names)).toEqual(sorted(small.names));
    expect(sorted(small.names)).toEqual(['authorsByPaperId', 'daysByDate', 'papersOfDays']);
    expect(large.data.day.paperCount).toBeGreaterThanOrEqual(100);
  });

  it('author page nested two levels (author → papers → authors) is the same for 10 and 100', async () => {
    const query = 'query($id: ID!, $first: Int) { author(id: $id) { name paperCount papers(first: $first) { nodes { arxivId authors { name paperCount } } } } }';
    const small = await measure(query, { id: authorId, first: 10 });
    const large = await measure(query, { id: authorId, first: 100 });
    expect(large.data.author.papers.nodes).toHaveLength(100);
    expect(sorted(large.names)).toEqual(sorted(small.names));
    expect(small.count).toBeLessThanOrEqual(5);
  });

  it('a list of authors with their papers and those papers\' authors stays batched', async () => {
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

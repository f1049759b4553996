import { toGlobalId } from '../../src/lib/global-id';
import { createExecutor, type Executor } from '../support/execute';
import { PAPERS, SUBMITTER_HANDLE, seedQueryCatalogue } from '../support/query-seed';
import { ENGINES } from '../support/services';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { walkBothWays } from '../support/paging';

describe.each(ENGINES)('query API on %s', (engine) => {
  let database: TestDatabase;
  let execute: Executor;
  let authorIds: Map<string, number>;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    authorIds = await seedQueryCatalogue(database.db);
    execute = await createExecutor(database.db);
  });
  afterAll(async () => {
    await execute.apollo.stop();
    await database.close();
  });

  async function data(query: string, variables?: Record<string, unknown>) {
    return (await execute(query, variables)).expectData();
  }
  async function error(query: string, variables?: Record<string, unknown>) {
    const result = await execute(query, variables);
    expect(result.errors).toHaveLength(1);
    return result.errors![0];
  }
  const authorId = (name: string) => toGlobalId('Author', authorIds.get(name)!);
  const ids = (connection: { nodes: Array<{ arxivId: string }> }) => connection.nodes.map((n) => n.arxivId);

  const PAPERS_QUERY = `query($filter: PaperFilter, $orderBy: PaperOrder, $first: Int, $after: String, $last: Int, $before: String) {
    papers(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      nodes { arxivId } totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
  const papers = async (variables: Record<string, unknown>) => (await data(PAPERS_QUERY, variables)).papers;

  describe('papers ordering', () => {
    it.each([
      ['UPVOTES', 'DESC', ['2511.00006', '2510.00004', '2510.00001', '2510.00002', '2510.00003', '2510.00005']],
      ['UPVOTES', 'ASC', ['2510.00005', '2510.00003', '2510.00001', '2510.00002', '2510.00004', '2511.00006']],
      ['FEATURED_DAY', 'DESC', ['2511.00006', '2510.00005', '2510.00004', '2510.00001', '2510.00002', '2510.00003']],
      ['FEATURED_DAY', 'ASC', ['2510.00001', '2510.00002', '2510.00003', '2510.00004', '2510.00005', '2511.00006']],
      ['PUBLISHED_AT', 'DESC', ['2511.00006', '2510.00005', '2510.00002', '2510.00001', '2510.00003', '2510.00004']],
      ['PUBLISHED_AT', 'ASC', ['2510.00003', '2510.00001', '2510.00002', '2510.00005', '2511.00006', '2510.00004']],
    ])('by %s %s, ties on arXiv id, unknown publication last', async (field, direction, expected) => {
      expect(ids(await papers({ orderBy: { field, direction } }))).toEqual(expected);
    });

    it.each(['UPVOTES', 'FEATURED_DAY', 'PUBLISHED_AT'])('pages by %s forward and backward without overlap or skip', async (field) => {
      for (const direction of ['ASC', 'DESC']) {
        const orderBy = { field, direction };
        const all = ids(await papers({ orderBy, first: 100 }));
        const { forward, backward } = await walkBothWays(
          async (args) => {
            const page: any = await papers({ orderBy, ...args });
            return { ids: ids(page), pageInfo: page.pageInfo };
          },
          { forward: 2, backward: 2 },
        );
        expect(forward).toEqual(all);
        expect(backward).toEqual(all);
      }
    });
  });

  describe('papers filters', () => {
    it.each([
      [{ fromDay: '2025-10-14', toDay: '2025-10-20' }, ['2510.00004', '2510.00005']],
      [{ week: '2025-W42' }, ['2510.00001', '2510.00002', '2510.00003', '2510.00004']],
      [{ month: '2025-11' }, ['2511.00006']],
      [{ week: '2025-W42', toDay: '2025-10-13' }, ['2510.00001', '2510.00002', '2510.00003']],
      [{ submitter: SUBMITTER_HANDLE }, ['2510.00005']],
      [{ submitter: 'nobody' }, []],
      [{ hasCode: true }, ['2510.00001', '2510.00003', '2510.00004', '2510.00005']],
      [{ hasCode: false }, ['2510.00002', '2511.00006']],
      [{ withdrawn: true }, ['2510.00003']],
      [{ withdrawn: false, hasCode: true, month: '2025-10' }, ['2510.00001', '2510.00004', '2510.00005']],
    ])('%j', async (filter, expected) => {
      const page = await papers({ filter, first: 100, orderBy: { field: 'FEATURED_DAY', direction: 'ASC' } });
      expect(ids(page)).toEqual(expected);
      expect(page.totalCount).toBe(expected.length);
    });

    it('filters by author', async () => {
      const page = await papers({ filter: { author: authorId('Carl Zhang') }, orderBy: { field: 'FEATURED_DAY', direction: 'ASC' } });
      expect(ids(page)).toEqual(['2510.00003', '2510.00004', '2511.00006']);
    });
  });

  describe('day feed', () => {
    const DAY = `query($date: Date!, $first: Int, $after: String) { day(date: $date) { id date paperCount
      papers(first: $first, after: $after) { nodes { arxivId upvoteCount authors { name } } pageInfo { hasNextPage endCursor } totalCount }
      previous { date } next { date } } }`;

    it('ranks a day by upvotes, ties by arXiv id, with neighbours', async () => {
      const { day } = await data(DAY, { date: '2025-10-13' });
      expect(day).toMatchObject({ date: '2025-10-13', paperCount: 3, previous: null, next: { date: '2025-10-14' } });
      expect(ids(day.papers)).toEqual(['2510.00001', '2510.00002', '2510.00003']);
      expect(day.papers.nodes[0].authors.map((a: any) => a.name)).toEqual(['Ann Lee', 'Bo_Chen 100%']);
      const later = (await data(DAY, { date: '2025-11-03' })).day;
      expect(later).toMatchObject({ previous: { date: '2025-10-20' }, next: null });
    });

    it('pages a day forward', async () => {
      const first = (await data(DAY, { date: '2025-10-13', first: 2 })).day.papers;
      expect(first.pageInfo.hasNextPage).toBe(true);
      expect(first.totalCount).toBe(3);
      const rest = (await data(DAY, { date: '2025-10-13', first: 2, after: first.pageInfo.endCursor })).day.papers;
      expect(ids(rest)).toEqual(['2510.00003']);
      expect(rest.pageInfo.hasNextPage).toBe(false);
    });

    it('is null for a day without papers', async () => {
      expect((await data(DAY, { date: '2025-10-15' })).day).toBeNull();
    });

    it('lists days newest first, within bounds, in pages', async () => {
      const DAYS =
        'query($from: Date, $to: Date, $first: Int, $after: String) { days(from: $from, to: $to, first: $first, after: $after) { nodes { date paperCount } totalCount pageInfo { endCursor hasNextPage } } }';
      const all = (await data(DAYS, {})).days;
      expect(all.nodes).toEqual([
        { date: '2025-11-03', paperCount: 1 },
        { date: '2025-10-20', paperCount: 1 },
        { date: '2025-10-14', paperCount: 1 },
        { date: '2025-10-13', paperCount: 3 },
      ]);
      const bounded = (await data(DAYS, { from: '2025-10-14', to: '2025-10-20' })).days;
      expect(bounded.nodes.map((d: any) => d.date)).toEqual(['2025-10-20', '2025-10-14']);
      const first = (await data(DAYS, { first: 3 })).days;
      const rest = (await data(DAYS, { first: 3, after: first.pageInfo.endCursor })).days;
      expect(rest.nodes.map((d: any) => d.date)).toEqual(['2025-10-13']);
    });
  });

  describe('trending', () => {
    const TRENDING =
      'query($period: TrendingPeriod, $date: Date, $by: TrendingBy, $first: Int, $after: String) { trending(period: $period, date: $date, by: $by, first: $first, after: $after) { nodes { arxivId } pageInfo { endCursor hasNextPage } totalCount } }';
    it.each([
      ['WEEK', '2025-10-15', 'UPVOTES', ['2510.00004', '2510.00001', '2510.00002']],
      ['WEEK', '2025-10-15', 'GITHUB_STARS', ['2510.00004', '2510.00001', '2510.00002']],
      ['DAY', '2025-10-13', 'GITHUB_STARS', ['2510.00001', '2510.00002']],
      ['MONTH', '2025-10-01', 'UPVOTES', ['2510.00004', '2510.00001', '2510.00002', '2510.00005']],
      ['MONTH', '2025-10-01', 'GITHUB_STARS', ['2510.00004', '2510.00001', '2510.00005', '2510.00002']],
    ])('%s of %s by %s (withdrawn left out, ties documented)', async (period, date, by, expected) => {
      expect(ids((await data(TRENDING, { period, date, by })).trending)).toEqual(expected);
    });

    it('defaults to the week of the latest featured day, by upvotes', async () => {
      expect(ids((await data(TRENDING, {})).trending)).toEqual(['2511.00006']);
    });

    it('pages without overlap', async () => {
      const first = (await data(TRENDING, { period: 'MONTH', date: '2025-10-01', by: 'GITHUB_STARS', first: 2 })).trending;
      const rest = (await data(TRENDING, { period: 'MONTH', date: '2025-10-01', by: 'GITHUB_STARS', first: 2, after: first.pageInfo.endCursor })).trending;
      expect([...ids(first), ...ids(rest)]).toEqual(['2510.00004', '2510.00001', '2510.00005', '2510.00002']);
      expect(rest.pageInfo.hasNextPage).toBe(false);
      expect(first.totalCount).toBe(4);
    });
  });

  describe('authors', () => {
    const AUTHORS =
      'query($search: String, $first: Int, $after: String) { authors(search: $search, first: $first, after: $after) { nodes { name paperCount } pageInfo { endCursor hasNextPage } } }';
    it('lists by name, case-insensitively, with % and _ matched literally', async () => {
      expect((await data(AUTHORS, {})).authors.nodes.map((a: any) => a.name)).toEqual(['Ann Lee', 'Bo Chen', 'Bo_Chen 100%', 'Carl Zhang']);
      expect((await data(AUTHORS, { search: 'bo' })).authors.nodes.map((a: any) => a.name)).toEqual(['Bo Chen', 'Bo_Chen 100%']);
      expect((await data(AUTHORS, { search: 'O_c' })).authors.nodes.map((a: any) => a.name)).toEqual(['Bo_Chen 100%']);
      expect((await data(AUTHORS, { search: '0%' })).authors.nodes.map((a: any) => a.name)).toEqual(['Bo_Chen 100%']);
      expect((await data(AUTHORS, { search: '%' })).authors.nodes.map((a: any) => a.name)).toEqual(['Bo_Chen 100%']);
      const first = (await data(AUTHORS, { first: 2 })).authors;
      const rest = (await data(AUTHORS, { first: 2, after: first.pageInfo.endCursor })).authors;
      expect(rest.nodes.map((a: any) => a.name)).toEqual(['Bo_Chen 100%', 'Carl Zhang']);
    });

    it('gives an author page with nested papers and their authors', async () => {
      const AUTHOR =
        'query($id: ID!, $after: String) { author(id: $id) { name paperCount papers(first: 2, after: $after) { nodes { arxivId authors { name } } pageInfo { endCursor hasNextPage } totalCount } } }';
      const { author } = await data(AUTHOR, { id: authorId('Ann Lee') });
      expect(author).toMatchObject({ name: 'Ann Lee', paperCount: 4 });
      expect(ids(author.papers)).toEqual(['2511.00006', '2510.00004']);
      expect(author.papers.totalCount).toBe(4);
      const rest = (await data(AUTHOR, { id: authorId('Ann Lee'), after: author.papers.pageInfo.endCursor })).author.papers;
      expect(ids(rest)).toEqual(['2510.00001', '2510.00002']);
      expect(rest.pageInfo.hasNextPage).toBe(false);
      expect((await data(AUTHOR, { id: toGlobalId('Author', 99999) })).author).toBeNull();
    });
  });

  describe('search', () => {
    const SEARCH =
      'query($query: String!, $filter: PaperFilter, $first: Int, $after: String) { search(query: $query, filter: $filter, first: $first, after: $after) { nodes { rank snippet highlightedTitle paper { arxivId } } totalCount pageInfo { endCursor hasNextPage } } }';
    const hits = async (query: string, filter?: unknown) => (await data(SEARCH, { query, filter })).search.nodes.map((n: any) => n.paper.arxivId);

    it('ranks a title match above an abstract-only match, with highlights', async () => {
      const { search } = await data(SEARCH, { query: 'diffusion' });
      expect(search.nodes.map((n: any) => n.paper.arxivId)).toEqual(['2510.00001', '2510.00002', '2511.00006']);
      expect(search.nodes[0].rank).toBeGreaterThan(search.nodes[1].rank);
      expect(search.nodes[0].highlightedTitle).toBe('<mark>Diffusion</mark> transformers for video');
      expect(search.nodes[1].snippet).toContain('<mark>diffusion</mark>');
      expect(search.totalCount).toBe(3);
    });

    it('understands phrases, -exclude and or', async () => {
      expect(await hits('"language models"')).toEqual(expect.arrayContaining(['2510.00002', '2510.00005']));
      expect(await hits('"models language"')).toEqual([]);
      expect(await hits('diffusion -policy')).toEqual(['2510.00001', '2510.00002']);
      expect((await hits('tokenizers or coloring')).sort()).toEqual(['2510.00003', '2510.00005']);
    });

    it('applies the filter and pages', async () => {
      expect(await hits('diffusion', { month: '2025-11' })).toEqual(['2511.00006']);
      const first = (await data(SEARCH, { query: 'diffusion', first: 1 })).search;
      const rest = (await data(SEARCH, { query: 'diffusion', first: 5, after: first.pageInfo.endCursor })).search;
      expect(rest.nodes.map((n: any) => n.paper.arxivId)).toEqual(['2510.00002', '2511.00006']);
    });
  });

  describe('node and Paper fields', () => {
    it('resolves every node type', async () => {
      const NODE =
        'query($id: ID!) { node(id: $id) { __typename id ... on Paper { arxivId } ... on Author { name } ... on Day { date } ... on User { handle } } }';
      const user = await database.db.prisma.user.findUniqueOrThrow({ where: { handle: SUBMITTER_HANDLE } });
      const cases: Array<[string, Record<string, unknown>]> = [
        [toGlobalId('Paper', '2510.00001'), { __typename: 'Paper', arxivId: '2510.00001' }],
        [authorId('Carl Zhang'), { __typename: 'Author', name: 'Carl Zhang' }],
        [toGlobalId('Day', '2025-10-13'), { __typename: 'Day', date: '2025-10-13' }],
        [toGlobalId('User', user.id), { __typename: 'User', handle: SUBMITTER_HANDLE }],
      ];
      for (const [id, expected] of cases) expect((await data(NODE, { id })).node).toEqual({ id, ...expected });
      for (const id of [toGlobalId('Paper', '2599.99999'), toGlobalId('Day', '2025-10-15'), 'bm90LWFuLWlk', '2510.00001']) {
        expect((await data(NODE, { id })).node).toBeNull();
      }
    });

    it('serves every Paper field', async () => {
      const { paper } = await data(`{ paper(id: "2510.00005v2") { id arxivId title abstract publishedAt day { date } authors { name } authorCount upvoteCount
        githubRepo githubStars projectPage arxivUrl pdfUrl thumbnailUrl mediaUrls aiSummary aiKeywords numComments withdrawnAt submittedAt createdAt updatedAt } }`);
      // In-process results carry Date objects; compare the JSON a client receives.
      expect(JSON.parse(JSON.stringify(paper))).toMatchObject({
        id: toGlobalId('Paper', '2510.00005'),
        arxivId: '2510.00005',
        title: PAPERS[4].title,
        publishedAt: '2025-10-18T12:00:00.000Z',
        day: { date: '2025-10-20' },
        authors: [{ name: 'Bo_Chen 100%' }, { name: 'Bo Chen' }],
        authorCount: 2,
        upvoteCount: 5,
        githubRepo: 'https://github.com/example/2510-00005',
        githubStars: 5,
        projectPage: null,
        arxivUrl: 'https://arxiv.org/abs/2510.00005',
        pdfUrl: 'https://arxiv.org/pdf/2510.00005',
        mediaUrls: [],
        aiKeywords: [],
        withdrawnAt: null,
        submittedAt: '2025-10-20T08:00:00.000Z',
      });
    });
  });

  describe('errors', () => {
    it.each([
      ['first 101', PAPERS_QUERY, { first: 101 }, 'first'],
      ['negative first', PAPERS_QUERY, { first: -1 }, 'first'],
      ['negative last', PAPERS_QUERY, { last: -1 }, 'last'],
      ['first with last', PAPERS_QUERY, { first: 2, last: 2 }, 'last'],
      ['malformed cursor', PAPERS_QUERY, { after: 'not a cursor!' }, 'after'],
      ['bad week', PAPERS_QUERY, { filter: { week: '2025-42' } }, 'filter.week'],
      ['week 54', PAPERS_QUERY, { filter: { week: '2025-W54' } }, 'filter.week'],
      ['bad month', PAPERS_QUERY, { filter: { month: '2025-13' } }, 'filter.month'],
      ['bad author id', PAPERS_QUERY, { filter: { author: 'Ann Lee' } }, 'filter.author'],
      ['blank search', 'query($q: String!) { search(query: $q) { totalCount } }', { q: '  ' }, 'query'],
      ['blank author search', '{ authors(search: " ") { totalCount } }', {}, 'search'],
      ['day papers first 101', '{ day(date: "2025-10-13") { papers(first: 101) { totalCount } } }', {}, 'first'],
      ['author papers bad cursor', '{ authors { nodes { papers(after: "eHl6") { totalCount } } } }', {}, 'after'],
      ['trending first 101', '{ trending(first: 101) { totalCount } }', {}, 'first'],
    ])('%s is BAD_USER_INPUT naming the argument', async (_name, query, variables, argumentName) => {
      const failure = await error(query, variables);
      expect(failure.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
    });

    it('refuses a cursor from another ordering', async () => {
      const page = await papers({ orderBy: { field: 'UPVOTES', direction: 'DESC' }, first: 1 });
      const failure = await error(PAPERS_QUERY, { orderBy: { field: 'UPVOTES', direction: 'ASC' }, after: page.pageInfo.endCursor });
      expect(failure.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
      const trendingFailure = await error('query($a: String) { trending(by: GITHUB_STARS, after: $a) { totalCount } }', { a: page.pageInfo.endCursor });
      expect(trendingFailure.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    });

    it.each(['2025-02-30', '2025-1-01', 'yesterday'])('bad date %s is BAD_USER_INPUT', async (date) => {
      const failure = await error('query($d: Date!) { day(date: $d) { date } }', { d: date });
      expect(failure.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app';
import { postGraphQL, toResult } from '../support/graphql-client';
import { testConfig } from '../support/test-config';
import { walkBothWays } from '../support/paging';

// The quick start, over real HTTP: an embedded database in a data directory, migrated and
// seeded with the demo papers on first start, kept across restarts.
describe('a server on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'daily-papers-'));
  const config = testConfig({ DATA_DIR: dataDir, SEED_DEMO: 'true', MIGRATE_ON_START: 'true' });
  let app: Awaited<ReturnType<typeof createApp>>;
  let url: string;

  beforeAll(async () => {
    app = await createApp(config);
    url = await app.start();
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the 53 demo papers', async () => {
    const result = await postGraphQL(url, '{ papers(first: 100) { totalCount nodes { arxivId } } }');
    expect(result.status).toBe(200);
    const data = result.expectData();
    expect(data.papers.totalCount).toBe(53);
    expect(data.papers.nodes).toHaveLength(53);
    expect(data.papers.nodes.map((n: { arxivId: string }) => n.arxivId)).toContain('2407.18232');
  });

  it('answers a paper by arXiv id with its authors in byline order', async () => {
    const data = (
      await postGraphQL(url, 'query($id: ID!) { paper(id: $id) { id arxivId title publishedAt day { date } upvoteCount authors { name } } }', {
        id: '2407.18232',
      })
    ).expectData();
    expect(data.paper).toMatchObject({
      arxivId: '2407.18232',
      title: 'LION: Linear Group RNN for 3D Object Detection in Point Clouds',
      publishedAt: '2024-07-25T00:00:00.000Z',
      day: { date: '2024-07-25' },
      upvoteCount: 0,
    });
    expect(data.paper.authors.map((a: { name: string }) => a.name)).toEqual([
      'Zhe Liu',
      'Jinghua Hou',
      'Xinyu Wang',
      'Xiaoqing Ye',
      'Jingdong Wang',
      'Hengshuang Zhao',
      'Xiang Bai',
    ]);
    const byGlobalId = (await postGraphQL(url, 'query($id: ID!) { paper(id: $id) { arxivId } }', { id: data.paper.id })).expectData();
    expect(byGlobalId.paper.arxivId).toBe('2407.18232');
  });

  it('features the three undated demo papers on the listing page date, with no publication date', async () => {
    const data = (await postGraphQL(url, '{ papers(first: 100) { nodes { arxivId publishedAt day { date } } } }')).expectData();
    const undated = data.papers.nodes.filter((n: { publishedAt: string | null }) => n.publishedAt === null);
    expect(undated.map((n: { arxivId: string }) => n.arxivId).sort()).toEqual(['2506.05333', '2510.06557', '2512.00466']);
    expect(undated.every((n: { day: { date: string } }) => n.day.date === '2025-12-11')).toBe(true);
  });

  it('pages through every paper forwards and backwards without overlap or gaps', async () => {
    const query = `query($first: Int, $after: String, $last: Int, $before: String) {
      papers(first: $first, after: $after, last: $last, before: $before) {
        edges { cursor node { arxivId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const all = (await postGraphQL(url, '{ papers(first: 100) { nodes { arxivId } } }')).expectData().papers.nodes.map((n: { arxivId: string }) => n.arxivId);
    const { forward, backward } = await walkBothWays(
      async (args) => {
        const page: any = (await postGraphQL(url, query, args)).expectData().papers;
        return { ids: page.edges.map((e: any) => e.node.arxivId), pageInfo: page.pageInfo };
      },
      { forward: 7, backward: 6 },
    );
    expect(forward).toEqual(all);
    expect(backward).toEqual(all);
  });

  it('refuses first: 101 and a malformed cursor with BAD_USER_INPUT naming the argument', async () => {
    const tooMany = await postGraphQL(url, '{ papers(first: 101) { totalCount } }');
    expect(tooMany.expectError('BAD_USER_INPUT').extensions).toMatchObject({ argumentName: 'first' });
    const badCursor = await postGraphQL(url, '{ papers(after: "nope") { totalCount } }');
    expect(badCursor.expectError('BAD_USER_INPUT').extensions).toMatchObject({ argumentName: 'after' });
  });

  it('answers GET queries (with a CSRF preflight header) with JSON, and /healthz and /readyz', async () => {
    const get = await fetch(`${url}/graphql?query=${encodeURIComponent('{ papers(first: 1) { totalCount } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect((await toResult<any>(get, 'GET')).expectData().papers.totalCount).toBe(53);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'ok' });
  });

  it('answers malformed JSON with a JSON 400, never HTML', async () => {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('keeps its data across a restart and does not load the demo twice', async () => {
    const marker = (await postGraphQL(url, '{ papers(first: 1) { nodes { id } } }')).expectData();
    await app.stop();
    app = await createApp(config);
    url = await app.start();
    const data = (await postGraphQL(url, '{ papers(first: 1) { totalCount nodes { id } } }')).expectData();
    expect(data.papers.totalCount).toBe(53);
    expect(data.papers.nodes).toEqual(marker.papers.nodes);
  });
});

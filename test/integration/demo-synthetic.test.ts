import { importSyntheticDemo, SYNTHETIC_TITLE_PREFIX } from '../../src/import/demo-synthetic';
import { postGraphQL } from '../support/graphql-client';
import { startTestServer, type TestServer } from '../support/test-server';

// `npm run demo:synthetic` beside the faithful demo: days that look like a real feed, every
// synthetic paper marked, the 53 real papers untouched.
describe('synthetic days beside the demo papers', () => {
  let server: TestServer;
  let created: number;
  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'true' } });
    created = (await importSyntheticDemo(server.database.db, { days: 7 })).created;
  }, 300_000);
  afterAll(async () => {
    await server?.close();
  });

  const query = (text: string) => postGraphQL(server.url, text).then((result) => result.expectData());

  it('gives each synthetic day 20–60 papers with upvotes from a handful to many, all marked synthetic', async () => {
    const data = await query('{ days(first: 7) { nodes { date paperCount papers(first: 100) { nodes { title abstract upvoteCount } } } } }');
    const days = data.days.nodes as Array<{
      date: string;
      paperCount: number;
      papers: { nodes: Array<{ title: string; abstract: string; upvoteCount: number }> };
    }>;
    expect(days.map((day) => day.date)).toEqual(['2025-12-11', '2025-12-10', '2025-12-09', '2025-12-08', '2025-12-07', '2025-12-06', '2025-12-05']);
    for (const day of days.slice(1)) {
      expect(day.paperCount).toBeGreaterThanOrEqual(20);
      expect(day.paperCount).toBeLessThanOrEqual(60);
      const papers = day.papers.nodes;
      expect(papers.every((paper) => paper.title.startsWith(SYNTHETIC_TITLE_PREFIX) && paper.abstract.includes('not a real one'))).toBe(true);
      // Ranked by upvotes, and skewed: the top paper has several times the median's.
      const counts = papers.map((paper) => paper.upvoteCount);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      expect(counts[0]).toBeGreaterThan(4 * Math.max(1, counts[Math.floor(counts.length / 2)]));
    }
    expect(days[0].paperCount).toBe(3); // the demo page's own day keeps its three real papers
  });

  it('leaves the 53 real papers as they were, and a second run adds nothing', async () => {
    const data = await query(
      '{ papers(first: 1) { totalCount } paper(id: "2407.18232") { title upvoteCount } trending(period: WEEK, date: "2025-12-10", first: 1) { nodes { upvoteCount } } }',
    );
    expect(data.papers.totalCount).toBe(53 + created);
    expect(data.paper.title).toBe('LION: Linear Group RNN for 3D Object Detection in Point Clouds');
    expect(data.trending.nodes[0].upvoteCount).toBeGreaterThan(50);
    expect((await importSyntheticDemo(server.database.db, { days: 7 })).created).toBe(0);
  });
});

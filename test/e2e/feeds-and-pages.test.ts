import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { composeDigest } from '../../src/digest/compose';
import { periodOf } from '../../src/digest/period';
import { topPapersOfPeriod } from '../../src/digest/top-papers';
import { listFeedSources } from '../../src/import/feed-sources';
import { runImport } from '../../src/import/run-import';
import { toGlobalId } from '../../src/lib/global-id';
import { ENGINES } from '../support/services';
import { startTestServer, type TestServer } from '../support/test-server';

const BASE = 'https://papers.example';
// Markup, quotes, an ampersand, three scripts, an emoji and a C0 control that XML cannot carry.
const TRICKY_TITLE = 'Attention <b>is</b> "all" you & I need: 注意力 — внимание 🚀\u0007';
const TRICKY_ABSTRACT = 'We show 1 < 2 && 3 > 2 in <script>alert(1)</script> Ελληνικά.';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (_name, path) =>
    ['rss.channel.item', 'rss.channel.item.category', 'feed.link', 'feed.entry', 'feed.entry.author', 'feed.entry.category', 'feed.entry.link'].includes(
      String(path),
    ),
});

/** Parses with a real XML parser after checking well-formedness; fails with the parser's own error. */
function parseXml(text: string): any {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`Not well-formed XML: ${JSON.stringify(valid.err)}`);
  return parser.parse(text);
}

const isRfc822 = (text: string) => /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text) && !Number.isNaN(Date.parse(text));
const isRfc3339 = (text: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(text);

describe.each(ENGINES)('feeds and paper pages (%s)', (engine) => {
  let server: TestServer;
  let authorId: string;
  // Links we hand out start with PUBLIC_BASE_URL; in the test that origin is this server.
  const local = (url: string) => {
    expect(url.startsWith(`${BASE}/`)).toBe(true);
    return `${server.url}${url.slice(BASE.length)}`;
  };
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

  beforeAll(async () => {
    server = await startTestServer({ engine, env: { PUBLIC_BASE_URL: BASE } });
    const { db } = server.database;
    await runImport(db, await listFeedSources(join(__dirname, '../fixtures/hf-daily-papers.json')));
    await db.prisma.paper.create({
      data: { id: '2501.99001', title: TRICKY_TITLE, abstract: TRICKY_ABSTRACT, dayDate: new Date('2025-01-16'), importedUpvoteCount: 7 },
    });
    const author = await db.prisma.author.findFirstOrThrow({ where: { name: 'Zoë Ångström' } });
    authorId = toGlobalId('Author', author.id);
  }, 300_000);
  afterAll(() => server?.close());

  it('/feeds/daily.rss is valid RSS 2.0: the latest days newest first, one item per paper, guid = the paper page', async () => {
    const response = await get('/feeds/daily.rss');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const { rss } = parseXml(await response.text());
    expect(rss['@version']).toBe('2.0');
    const channel = rss.channel;
    expect(channel).toMatchObject({ title: 'Daily Papers', link: `${BASE}/feeds/daily.rss`, description: expect.any(String) });
    expect(isRfc822(channel.lastBuildDate)).toBe(true);
    const items = channel.item as any[];
    // Featured days 2025-01-16 (two papers), 2025-01-15, 2025-01-10: the latest three.
    expect(items.map((item) => item.link)).toEqual([
      `${BASE}/papers/2501.99001`,
      `${BASE}/papers/hep-th%2F9901001`,
      `${BASE}/papers/2501.08313`,
      `${BASE}/papers/2501.04519`,
    ]);
    for (const item of items) {
      expect(item.guid).toEqual({ '#text': item.link, '@isPermaLink': 'true' });
      expect(isRfc822(item.pubDate)).toBe(true);
    }
    const tricky = items[0];
    expect(tricky.title).toBe(TRICKY_TITLE.replace('\u0007', ''));
    expect(tricky.description).toBe(TRICKY_ABSTRACT);
  });

  it('/feeds/daily.atom is valid Atom 1.0 with ids, updated times, authors and summaries escaped intact', async () => {
    const response = await get('/feeds/daily.atom');
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const { feed } = parseXml(await response.text());
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(`${BASE}/feeds/daily.atom`);
    expect(isRfc3339(feed.updated)).toBe(true);
    expect(feed.link).toContainEqual(expect.objectContaining({ '@rel': 'self', '@href': `${BASE}/feeds/daily.atom` }));
    const entries = feed.entry as any[];
    expect(entries).toHaveLength(4);
    for (const entry of entries) {
      expect(entry.id).toBe(entry.link[0]['@href']);
      expect(isRfc3339(entry.updated) && isRfc3339(entry.published)).toBe(true);
    }
    expect(entries[0].title['#text']).toBe(TRICKY_TITLE.replace('\u0007', ''));
    expect(entries[0].summary['#text']).toBe(TRICKY_ABSTRACT);
    const minimax = entries.find((entry) => entry.id === `${BASE}/papers/2501.08313`);
    // The byline rule (docs/api.md): feeds are read by people, so the name the source page hides is left out.
    expect(minimax.author.map((author: any) => author.name)).toEqual(['Zoë Ångström', '张伟', 'Łukasz Wróblewski', 'Wei Zhang', 'Wei Zhang']);
    expect(minimax.published).toBe('2025-01-15T01:23:45.678Z');
  });

  it('serves the trending-week and per-author Atom feeds, and 404 for an unknown author', async () => {
    const trending = parseXml(await (await get('/feeds/trending-week.atom')).text()).feed;
    // The ISO week of the latest featured day (2025-W03), most upvoted first.
    expect(trending.entry.map((entry: any) => entry.id)).toEqual([`${BASE}/papers/2501.08313`, `${BASE}/papers/2501.99001`, `${BASE}/papers/hep-th%2F9901001`]);
    const byAuthor = parseXml(await (await get(`/feeds/authors/${authorId}.atom`)).text()).feed;
    expect(byAuthor.title['#text']).toBe('Daily Papers: Zoë Ångström');
    expect(byAuthor.entry.map((entry: any) => entry.id)).toEqual([`${BASE}/papers/2501.08313`]);
    const unknown = await get(`/feeds/authors/${toGlobalId('Author', 999999)}.atom`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets a polling reader revalidate for free: 304 on If-None-Match or If-Modified-Since', async () => {
    const first = await get('/feeds/daily.atom');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(Date.parse(lastModified)).toBeGreaterThan(0);
    expect((await get('/feeds/daily.atom', { 'if-none-match': etag })).status).toBe(304);
    expect((await get('/feeds/daily.atom', { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await get('/feeds/daily.atom', { 'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT' })).status).toBe(200);
  });

  it('serves /papers/{id} as an HTML page with Open Graph tags, and /papers/{id}.md as Markdown', async () => {
    const page = await get('/papers/2501.08313');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<meta property="og:title" content="MiniMax-01: Scaling Foundation Models with Lightning Attention">');
    expect(html).toContain(`<meta property="og:url" content="${BASE}/papers/2501.08313">`);
    expect(html).toContain('<meta property="og:image" content="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.08313.png">');
    expect(html).toContain('<p class="authors">Zoë Ångström, 张伟, Łukasz Wróblewski, Wei Zhang, Wei Zhang</p>');
    expect(html).not.toContain('José Núñez-García');
    expect(html).toMatch(/<strong class="upvotes">42<\/strong>/);
    const tricky = await (await get('/papers/2501.99001')).text();
    expect(tricky).not.toContain('<script>');
    expect(tricky).toContain('&lt;script&gt;');
    const markdown = await get('/papers/2501.08313.md');
    expect(markdown.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const text = await markdown.text();
    expect(text).toMatch(/^# MiniMax-01: Scaling Foundation Models with Lightning Attention\n/);
    expect(text).toContain('**Authors:** Zoë Ångström, 张伟, Łukasz Wróblewski, Wei Zhang, Wei Zhang\n');
    expect(text).toContain('- Code: https://github.com/MiniMax-AI/MiniMax-01 (2315 stars)');
    expect(text).toContain('## Abstract');
    const missing = await get('/papers/2401.99999');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('one byline rule: the data APIs keep a hidden name with its flag; the digest, like feeds and pages, leaves it out', async () => {
    const shown = ['Zoë Ångström', '张伟', 'Łukasz Wróblewski', 'Wei Zhang', 'Wei Zhang'];
    const graphql = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ paper(id: "2501.08313") { authors { name } authorsHidden authorCount } }' }),
    });
    const { data } = (await graphql.json()) as { data: { paper: { authors: Array<{ name: string }>; authorsHidden: boolean[]; authorCount: number } } };
    expect(data.paper.authors.map((author, i) => [author.name, data.paper.authorsHidden[i]])).toContainEqual(['José Núñez-García', true]);
    expect(data.paper.authorCount).toBe(6);
    const rest = (await (await get('/api/papers/2501.08313')).json()) as { authors: Array<{ name: string; hidden: boolean }> };
    expect(rest.authors.map((author) => [author.name, author.hidden])).toContainEqual(['José Núñez-García', true]);
    const digest = await topPapersOfPeriod(server.database.db, periodOf('DAILY', new Date('2025-01-15T00:00:00Z')), 10);
    expect(digest.find((paper) => paper.id === '2501.08313')?.authors).toEqual(shown);
  });

  it('every paper URL handed out resolves: links in feeds and in digest mails open the paper page', async () => {
    const links = new Set<string>();
    for (const path of ['/feeds/daily.rss', '/feeds/trending-week.rss']) {
      for (const item of parseXml(await (await get(path)).text()).rss.channel.item) links.add(item.link);
    }
    const period = periodOf('DAILY', new Date('2025-01-15T00:00:00Z'));
    const mail = composeDigest(
      { publicBaseUrl: BASE },
      period,
      [{ id: 'hep-th/9901001', title: 'x', authors: ['a'], upvoteCount: 1, githubRepo: null }],
      'token',
    );
    for (const match of mail.text.matchAll(/https:\/\/papers\.example\/papers\/\S+/g)) links.add(match[0]);
    expect(links.has(`${BASE}/papers/hep-th%2F9901001`)).toBe(true);
    for (const link of links) {
      const response = await fetch(local(link));
      expect([link, response.status]).toEqual([link, 200]);
    }
  });
});

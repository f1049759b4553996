import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readFeed, type FeedFormat } from '../../src/import/feed-reader';
import type { ImportRecord } from '../../src/db/import-record';
import type { ParsedRecord } from '../../src/import/parsed-record';
import { FeedError, RecordError } from '../../src/import/record-error';

// The feed readers on the fixtures, without a database: what each format turns into.
const fixture = (name: string) => join(__dirname, '..', 'fixtures', name);

async function read(input: AsyncIterable<Buffer | string>, options: { defaultDay?: string } = {}) {
  const records: ParsedRecord[] = [];
  let format: FeedFormat | undefined;
  for await (const record of readFeed(input, { ...options, onFormat: (f) => (format = f) })) records.push(record);
  const good = records.filter((r): r is ImportRecord => !(r instanceof RecordError));
  const bad = records.filter((r): r is RecordError => r instanceof RecordError);
  return { records, good, bad, format };
}
const readFile = (name: string, options?: { defaultDay?: string }) => read(createReadStream(fixture(name), { highWaterMark: 64 }), options);
const byId = (records: ImportRecord[], id: string) => records.find((r) => r.arxivId === id)!;

describe('Hugging Face daily-papers JSON array', () => {
  it('reads every item field by field, with unicode names, hidden and linked authors', async () => {
    const { good, bad, format } = await readFile('hf-daily-papers.json');
    expect(format).toBe('json-array');
    expect(bad).toEqual([]);
    expect(good.map((r) => r.arxivId)).toEqual(['2501.08313', '2306.00978', 'hep-th/9901001', '2501.04519', '2501.04519', '2501.00663']);
    const minimax = byId(good, '2501.08313');
    expect(minimax).toMatchObject({
      title: 'MiniMax-01: Scaling Foundation Models with Lightning Attention',
      abstract: expect.stringMatching(/^We introduce MiniMax-01 series, including MiniMax-Text-01/),
      publishedAt: new Date('2025-01-14T18:58:03.000Z'),
      submittedAt: new Date('2025-01-15T01:23:45.678Z'),
      featuredDay: '2025-01-15',
      upvotes: 42,
      githubStars: 2315,
      numComments: 3,
      githubRepo: 'https://github.com/MiniMax-AI/MiniMax-01',
      projectPage: 'https://www.minimaxi.com/en/news/minimax-01-series-2',
      thumbnailUrl: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.08313.png',
      mediaUrls: ['https://cdn-uploads.huggingface.co/production/uploads/fig1.png', 'https://cdn-uploads.huggingface.co/production/uploads/demo.mp4'],
      aiSummary: 'MiniMax-01 scales lightning attention to million-token contexts.',
      aiKeywords: ['lightning attention', 'mixture of experts', 'long context'],
      withdrawnAt: null,
      submittedBy: { handle: 'akhaliq', displayName: 'AK', avatarUrl: 'https://cdn-avatars.huggingface.co/v1/production/uploads/akhaliq.jpeg' },
    });
    expect(minimax.authors).toEqual([
      { name: 'Zoë Ångström', externalId: '63f1a2b3c4d5e6f708091a2b', handle: 'zoe-angstrom', hidden: false },
      { name: '张伟', externalId: null, handle: null, hidden: false },
      { name: 'Łukasz Wróblewski', externalId: null, handle: null, hidden: false },
      { name: 'José Núñez-García', externalId: null, handle: null, hidden: true },
      { name: 'Wei Zhang', externalId: '64aa00000000000000000001', handle: 'weizhang-ml', hidden: false },
      { name: 'Wei Zhang', externalId: null, handle: null, hidden: false },
    ]);
  });

  it('leaves missing optional fields null and takes title and summary from the item when the paper lacks them', async () => {
    const { good } = await readFile('hf-daily-papers.json');
    expect(byId(good, '2306.00978')).toMatchObject({
      githubRepo: null,
      githubStars: null,
      projectPage: null,
      thumbnailUrl: null,
      aiSummary: null,
      aiKeywords: [],
      mediaUrls: [],
      submittedBy: null,
      submittedAt: null,
      withdrawnAt: null,
    });
    expect(byId(good, '2501.00663')).toMatchObject({ abstract: expect.stringMatching(/^Over more than a decade/), upvotes: 0, numComments: null, authors: [] });
  });

  it('picks the featured day: submittedOnDailyAt (UTC), else the item date of old dumps, else --day, else the publication date', async () => {
    const { good } = await readFile('hf-daily-papers.json');
    expect(byId(good, '2501.08313').featuredDay).toBe('2025-01-15'); // not the item's publishedAt, 2025-01-14
    expect(byId(good, 'hep-th/9901001').featuredDay).toBe('2025-01-16'); // 22:10 at -05:00 is the next day in UTC
    expect(byId(good, '2306.00978').featuredDay).toBe('2023-06-02'); // old dump: the item's publishedAt
    expect(byId(good, '2501.00663').featuredDay).toBe('2024-12-31'); // nothing else: the publication date
    const withDay = await readFile('hf-daily-papers.json', { defaultDay: '2025-01-20' });
    expect(byId(withDay.good, '2501.00663').featuredDay).toBe('2025-01-20');
    expect(byId(withDay.good, '2306.00978').featuredDay).toBe('2023-06-02');
    expect(byId(withDay.good, '2501.08313').featuredDay).toBe('2025-01-15');
  });
});

describe('other JSON shapes', () => {
  it('reads JSON Lines of items and paper objects, skipping blank lines and CRLF endings, positions are line numbers', async () => {
    const { good, bad, format } = await readFile('hf-daily-papers.jsonl');
    expect(format).toBe('json-lines');
    expect(bad).toEqual([]);
    expect(good.map((r) => r.arxivId)).toEqual(['2502.01234', '2502.05678', '1207.7214']);
    expect(byId(good, '2502.05678')).toMatchObject({
      featuredDay: '2025-02-06',
      thumbnailUrl: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2502.05678.png',
      withdrawnAt: new Date('2025-03-01T00:00:00.000Z'),
      authors: [{ name: 'Ana María Pérez', externalId: '65cc00000000000000000003', handle: 'anamperez', hidden: false }],
    });
    expect(byId(good, '1207.7214').featuredDay).toBe('2012-08-01');
  });

  it('reads a single paper object spread over several lines', async () => {
    const { good, format } = await readFile('hf-paper.json');
    expect(format).toBe('json-document');
    expect(good).toHaveLength(1);
    expect(good[0]).toMatchObject({ arxivId: '2412.19437', featuredDay: '2024-12-27', upvotes: 310, githubStars: 98000, submittedBy: { handle: 'akhaliq' } });
    expect(good[0].authors.map((a) => a.name)).toEqual(['DeepSeek-AI', 'Aixin Liu', 'Bei Feng']);
  });

  it('reports every kind of bad record with its position and reason', async () => {
    const { good, bad } = await readFile('bad-records.json');
    expect(good.map((r) => r.arxivId)).toEqual(['2501.00010', '2501.00011']);
    expect(bad.map((e) => [e.position, e.reason])).toEqual([
      [1, 'paper.id is missing'],
      [2, 'paper.id "not-an-arxiv-id" is not an arXiv id'],
      [3, 'paper.id must be a string, got 2501.00001'],
      [4, 'paper.title is missing'],
      [5, 'paper.publishedAt is not an ISO 8601 date: "2025-02-30T00:00:00Z"'],
      [6, 'paper.submittedOnDailyAt is not an ISO 8601 date: "yesterday"'],
      [7, 'paper.upvotes must be a non-negative integer, got "12"'],
      [8, 'paper.authors must be a list, got a string'],
      [9, 'paper.authors[0].name is missing'],
      [10, 'paper.authors[0].hidden must be a boolean, got a string'],
      [11, 'no featured day: neither submittedOnDailyAt nor publishedAt is set; pass --day'],
      [12, 'expected a JSON object, got 42'],
    ]);
  });

  it('reports bad JSON Lines by line number and reads on', async () => {
    const { good, bad } = await readFile('bad-records.jsonl');
    expect(good.map((r) => r.arxivId)).toEqual(['2501.00020', '2501.00023']);
    expect(bad.map((e) => e.position)).toEqual([2, 3, 4]);
    expect(bad[0].reason).toMatch(/^line is not valid JSON/);
    expect(bad[1].reason).toBe('expected a JSON object, got a list');
    expect(bad[2].reason).toBe('paper.mediaUrls must be a list of strings');
  });

  it("rejects a record with a NUL or a lone surrogate in any text field, naming the field (the API's one text rule), and keeps RTL/ZWJ/combining text unchanged", async () => {
    const paper = (id: string, fields: Record<string, unknown>) =>
      JSON.stringify({ paper: { id, title: 'T', summary: 'S', publishedAt: '2025-01-15T00:00:00Z', authors: [{ name: 'A' }], ...fields } });
    const valid = '\u202eשלום\u202c 👨\u200d👩\u200d👧 e\u0301';
    const lines = [
      paper('2501.00030', { title: 'Title\u0000with NUL' }),
      paper('2501.00031', { authors: [{ name: 'Ok' }, { name: 'Bad \ud800 name' }] }),
      paper('2501.00032', { ai_keywords: ['fine', 'nul\u0000'] }),
      paper('2501.00033', { title: valid, authors: [{ name: valid }] }),
    ];
    const { good, bad } = await read(Readable.from([lines.join('\n')]));
    expect(bad.map((e) => [e.position, e.reason])).toEqual([
      [1, '"paper.title" contains a NUL character (U+0000), which no text field accepts.'],
      [2, '"paper.authors[1].name" contains a lone UTF-16 surrogate, which is not valid Unicode text.'],
      [3, '"paper.ai_keywords[1]" contains a NUL character (U+0000), which no text field accepts.'],
    ]);
    expect(good.map((r) => [r.arxivId, r.title, r.authors[0].name])).toEqual([['2501.00033', valid, valid]]);
    const atom = await read(
      Readable.from([
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2401.00001v1</id><title>Bad \u0000 title</title><published>2024-01-01T00:00:00Z</published><author><name>A</name></author></entry></feed>',
      ]),
    );
    // sax refuses NUL and surrogates as character references but passes a raw NUL through.
    expect(atom.bad.map((e) => e.reason)).toEqual(['"title" contains a NUL character (U+0000), which no text field accepts.']);
  });

  it('refuses input that is neither JSON nor XML, and a JSON array cut off in the middle', async () => {
    await expect(read(Readable.from(['title,id\nx,1\n']))).rejects.toThrow(FeedError);
    await expect(read(Readable.from(['[{"paper": {"id": "2501.00010", "title": "x", "publishedAt": "2025-01-01"}}, {"paper": ']))).rejects.toThrow(
      /invalid JSON/,
    );
  });

  it('treats an empty input as no records', async () => {
    expect((await read(Readable.from(['  \n']))).records).toEqual([]);
  });
});

describe('arXiv Atom', () => {
  it('strips versions (old-style ids too), normalises whitespace, keeps author order, and features on the publication date', async () => {
    const { good, bad, format } = await readFile('arxiv-atom.xml');
    expect(format).toBe('atom');
    expect(bad).toEqual([]);
    expect(good.map((r) => r.arxivId)).toEqual(['2401.04088', 'hep-th/9711200', '1706.03762']);
    expect(good[0]).toMatchObject({
      title: 'Mixtral of Experts',
      abstract:
        'We introduce Mixtral 8x7B, a Sparse Mixture of Experts (SMoE) language model. Mixtral has the same architecture as Mistral 7B, with the difference that each layer is composed of 8 feedforward blocks (i.e. experts).',
      publishedAt: new Date('2024-01-08T14:35:27Z'),
      featuredDay: '2024-01-08',
      upvotes: null,
    });
    expect(good[0].authors.map((a) => a.name)).toEqual(['Albert Q. Jiang', 'Alexandre Sablayrolles', 'Antoine Roux', 'Théophile Gervet']);
    expect(good[1]).toMatchObject({ title: 'The Large N Limit of Superconformal Field Theories and Supergravity', featuredDay: '1997-11-27' });
    expect(good[1].abstract).toMatch(/compact manifolds\. & more\.$/);
    expect(good[2]).toMatchObject({ title: 'Attention Is All You Need' });
    expect(good[2].authors.map((a) => a.name)).toContain('Łukasz Kaiser');
  });

  it('features every entry on --day when given', async () => {
    const { good } = await readFile('arxiv-atom.xml', { defaultDay: '2025-01-20' });
    expect(good.every((r) => r.featuredDay === '2025-01-20')).toBe(true);
  });

  it('reports bad entries (API errors, no id, no title, bad date, foreign PDF link) and keeps the good one', async () => {
    const { good, bad } = await readFile('bad-entries.atom.xml');
    expect(good.map((r) => r.arxivId)).toEqual(['2401.00004']);
    expect(bad.map((e) => [e.position, e.reason])).toEqual([
      [1, 'id "http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345678" is not an arXiv abstract URL'],
      [2, 'id is missing'],
      [3, 'title is missing'],
      [4, 'published is not an ISO 8601 date: "January 1st"'],
      [5, 'the PDF link "http://arxiv.org/pdf/2401.09999v1" names another paper than 2401.00003'],
    ]);
  });

  it('refuses broken XML and XML that is not an Atom feed', async () => {
    await expect(read(Readable.from(['<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</entry></feed>']))).rejects.toThrow(/invalid XML/);
    await expect(read(Readable.from(['<rss><channel/></rss>']))).rejects.toThrow(/expected an Atom <feed>/);
  });
});

describe('decoding the input', () => {
  const item = (title: string) =>
    JSON.stringify({ paper: { id: '2501.00001', title, summary: 'S', authors: [{ name: 'Zoë Ångström' }], publishedAt: '2025-01-02T00:00:00Z' } });

  it('reads UTF-8 fed one byte at a time: characters split across chunks and a leading BOM come out whole', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${item('Łódź 張偉 🤖')}\n`)]);
    const { good, bad, format } = await read(Readable.from([...bytes].map((byte) => Buffer.from([byte]))));
    expect(format).toBe('json-lines');
    expect(bad).toEqual([]);
    expect(good[0]).toMatchObject({ title: 'Łódź 張偉 🤖', authors: [{ name: 'Zoë Ångström' }] });
  });

  it('turns bytes that are not UTF-8 into U+FFFD instead of failing the record', async () => {
    const [before, after] = item('AB').split('AB');
    const bytes = Buffer.concat([Buffer.from(`${before}A`), Buffer.from([0xff]), Buffer.from(`B${after}\n`)]);
    const { good } = await read(Readable.from([bytes]));
    expect(good[0].title).toBe('A\uFFFDB');
  });
});

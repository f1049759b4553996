import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../src/db/client';
import { readFeed } from '../../src/import/feed-reader';
import { listFeedSources } from '../../src/import/feed-sources';
import { importRecords } from '../../src/import/import-papers';
import { RecordError } from '../../src/import/record-error';
import { runImport, type RunImportOptions } from '../../src/import/run-import';
import { ENGINES } from '../support/services';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The importer against a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set):
// upsert semantics, baselines, bad records, strict mode.
const fixture = (name: string) => join(__dirname, '..', 'fixtures', name);
const importFile = async (db: Db, name: string, options: RunImportOptions = {}) => runImport(db, await listFeedSources(fixture(name)), options);

async function paper(db: Db, id: string) {
  const row = await db.prisma.paper.findUniqueOrThrow({
    where: { id },
    include: { authors: { include: { author: true }, orderBy: { position: 'asc' } }, submittedBy: true },
  });
  return { ...row, day: row.dayDate.toISOString().slice(0, 10), byline: row.authors.map((link) => link.author.name) };
}

async function counts(db: Db) {
  const { prisma } = db;
  const [papers, authors, bylines, days, users] = await Promise.all([
    prisma.paper.count(),
    prisma.author.count(),
    prisma.paperAuthor.count(),
    prisma.day.count(),
    prisma.user.count(),
  ]);
  return { papers, authors, bylines, days, users };
}

describe.each(ENGINES)('importing feeds on %s', (engine) => {
  let database: TestDatabase;
  let db: Db;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
    db = database.db;
  });
  afterEach(() => database.close());

  it('stores a daily-papers item field by field with its ordered byline, submitter and featured day', async () => {
    const summary = await importFile(db, 'hf-daily-papers.json');
    // Six items, five papers: 2501.04519 is listed on two days and its later listing wins.
    expect(summary).toMatchObject({ read: 6, created: 5, updated: 0, unchanged: 1, skippedCount: 0 });
    const minimax = await paper(db, '2501.08313');
    expect(minimax).toMatchObject({
      title: 'MiniMax-01: Scaling Foundation Models with Lightning Attention',
      day: '2025-01-15',
      importedUpvoteCount: 42,
      upvoteCount: 42,
      githubStars: 2315,
      numComments: 3,
      aiKeywords: ['lightning attention', 'mixture of experts', 'long context'],
      thumbnailUrl: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.08313.png',
      withdrawnAt: null,
      submittedBy: { handle: 'akhaliq', displayName: 'AK' },
      submittedAt: new Date('2025-01-15T01:23:45.678Z'),
    });
    expect(minimax.byline).toEqual(['Zoë Ångström', '张伟', 'Łukasz Wróblewski', 'José Núñez-García', 'Wei Zhang', 'Wei Zhang']);
    expect(minimax.authors.map((link) => link.hidden)).toEqual([false, false, false, true, false, false]);
    // Homonyms: the Wei Zhang linked to an account and the unlinked one are two authors.
    const [linked, unlinked] = minimax.authors.slice(4).map((link) => link.author);
    expect(linked.id).not.toBe(unlinked.id);
    expect(linked).toMatchObject({ handle: 'weizhang-ml', matchKey: 'hf:64aa00000000000000000001' });
    expect(unlinked).toMatchObject({ handle: null, matchKey: 'name:Wei Zhang' });

    expect(await paper(db, '2501.04519')).toMatchObject({ day: '2025-01-10', importedUpvoteCount: 215, numComments: 15 });
    expect(await paper(db, 'hep-th/9901001')).toMatchObject({ day: '2025-01-16' });
    expect(await paper(db, '2306.00978')).toMatchObject({ day: '2023-06-02', githubRepo: null, thumbnailUrl: null, submittedById: null });
    expect(await paper(db, '2501.00663')).toMatchObject({ day: '2024-12-31', byline: [] });
  });

  it('imports JSON Lines, a single paper object and an arXiv Atom feed', async () => {
    expect(await importFile(db, 'hf-daily-papers.jsonl')).toMatchObject({ read: 3, created: 3, skippedCount: 0 });
    expect(await importFile(db, 'hf-paper.json')).toMatchObject({ read: 1, created: 1 });
    expect(await importFile(db, 'arxiv-atom.xml')).toMatchObject({ read: 3, created: 3 });
    expect(await paper(db, '2502.05678')).toMatchObject({ day: '2025-02-06', withdrawnAt: new Date('2025-03-01T00:00:00Z'), byline: ['Ana María Pérez'] });
    expect(await paper(db, '2412.19437')).toMatchObject({ day: '2024-12-27', importedUpvoteCount: 310, byline: ['DeepSeek-AI', 'Aixin Liu', 'Bei Feng'] });
    expect(await paper(db, 'hep-th/9711200')).toMatchObject({ day: '1997-11-27', importedUpvoteCount: 0, byline: ['Juan M. Maldacena'] });
    expect(await paper(db, '2401.04088')).toMatchObject({
      title: 'Mixtral of Experts',
      byline: ['Albert Q. Jiang', 'Alexandre Sablayrolles', 'Antoine Roux', 'Théophile Gervet'],
    });
    // The same unlinked name in two feeds is one author.
    await importFile(db, 'hf-daily-papers.json');
    const akhaliq = await db.prisma.user.findMany({ where: { handle: 'akhaliq' } });
    expect(akhaliq).toHaveLength(1);
  });

  it('changes nothing when the same feeds are imported again', async () => {
    const files = ['hf-daily-papers.json', 'hf-daily-papers.jsonl', 'hf-paper.json', 'arxiv-atom.xml'];
    for (const file of files) await importFile(db, file);
    const before = await counts(db);
    const stamps = await db.prisma.paper.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: 'asc' } });
    for (const file of files) {
      const again = await importFile(db, file);
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: again.read });
    }
    expect(await counts(db)).toEqual(before);
    expect(await db.prisma.paper.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: 'asc' } })).toEqual(stamps);
  });

  it('updates fields and the byline, in its new order, from a newer record', async () => {
    await importFile(db, 'hf-daily-papers.json');
    const authorsBefore = await db.prisma.author.count();
    const summary = await importFile(db, 'hf-daily-papers-updated.json');
    expect(summary).toMatchObject({ read: 1, created: 0, updated: 1, unchanged: 0 });
    expect(await paper(db, '2501.08313')).toMatchObject({
      title: 'MiniMax-01: Scaling Foundation Models with Lightning Attention (v2)',
      importedUpvoteCount: 50,
      upvoteCount: 50,
      githubStars: 2500,
      numComments: 9,
      aiKeywords: ['lightning attention'],
      byline: ['Łukasz Wróblewski', 'Zoë Ångström', '张伟', 'Wei Zhang', 'Ørjan Øverland'],
    });
    expect(await db.prisma.author.count()).toBe(authorsBefore + 1);
    expect(await importFile(db, 'hf-daily-papers-updated.json')).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });

  it('keeps local upvotes on top of the feed baseline across re-imports', async () => {
    await importFile(db, 'hf-daily-papers.json');
    const users = await Promise.all(['reader-1', 'reader-2'].map((handle) => db.prisma.user.create({ data: { handle } })));
    for (const user of users) await db.prisma.upvote.create({ data: { userId: user.id, paperId: '2501.08313' } });
    expect((await paper(db, '2501.08313')).upvoteCount).toBe(44);
    await importFile(db, 'hf-daily-papers.json');
    expect((await paper(db, '2501.08313')).upvoteCount).toBe(44);
    await importFile(db, 'hf-daily-papers-updated.json');
    expect(await paper(db, '2501.08313')).toMatchObject({ importedUpvoteCount: 50, upvoteCount: 52 });
    // An Atom entry reports no upvotes: the baseline stays.
    await importRecords(db, [{ ...(await atomRecordFor('2501.08313', '2025-01-15')) }]);
    expect(await paper(db, '2501.08313')).toMatchObject({ importedUpvoteCount: 50, upvoteCount: 52, title: 'Atom title' });
  });

  it('never moves a paper back to an earlier featured day: an older listing counts as unchanged', async () => {
    await importFile(db, 'hf-daily-papers.json');
    const older = await atomRecordFor('2501.04519', '2025-01-09');
    expect(await importRecords(db, [older])).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await paper(db, '2501.04519')).toMatchObject({ day: '2025-01-10', title: expect.stringMatching(/^rStar-Math/) });
  });

  it('skips bad records with their position and reason and imports the rest', async () => {
    const summary = await importFile(db, 'bad-records.json');
    expect(summary).toMatchObject({ read: 14, created: 2, skippedCount: 12 });
    expect(summary.skipped[0]).toEqual({ source: fixture('bad-records.json'), position: 1, reason: 'paper.id is missing' });
    expect(summary.skipped.map((s) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect((await db.prisma.paper.findMany({ orderBy: { id: 'asc' } })).map((p) => p.id)).toEqual(['2501.00010', '2501.00011']);
  });

  it('writes nothing with --strict when a bad record comes after several committed-size batches', async () => {
    await expect(importFile(db, 'bad-records.json', { strict: true })).rejects.toThrow(RecordError);
    expect(await counts(db)).toEqual({ papers: 0, authors: 0, bylines: 0, days: 0, users: 0 });
    // Good records first, in batches of one, then a bad record: the batches roll back too.
    const good = await collect('hf-daily-papers.json');
    await expect(importRecords(db, [...good, new RecordError(7, 'title is missing')], { strict: true, batchSize: 1 })).rejects.toThrow('title is missing');
    expect(await counts(db)).toEqual({ papers: 0, authors: 0, bylines: 0, days: 0, users: 0 });
    expect(await importRecords(db, good, { strict: true, batchSize: 2 })).toMatchObject({ created: 5 });
  });
});

async function collect(name: string) {
  const records = [];
  for await (const record of readFeed(createReadStream(fixture(name)))) if (!(record instanceof RecordError)) records.push(record);
  return records;
}

async function atomRecordFor(arxivId: string, day: string) {
  const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/${arxivId}v3</id><title>Atom title</title>
    <published>2025-01-08T17:58:17Z</published><author><name>Xinyu Guan</name></author></entry></feed>`;
  for await (const record of readFeed([xml], { defaultDay: day })) {
    if (record instanceof RecordError) throw record;
    return record;
  }
  throw new Error('no record');
}

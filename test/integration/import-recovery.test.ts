import type { Db } from '../../src/db/client';
import { readFeed } from '../../src/import/feed-reader';
import { importRecords } from '../../src/import/import-papers';
import type { ImportRecord } from '../../src/db/import-record';
import { RecordError } from '../../src/import/record-error';
import { syntheticItem } from '../../src/import/synthetic-feed';
import { ENGINES } from '../support/services';
import { countStatements } from '../support/statements';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Failure halfway, concurrent imports, and statements per batch, on real databases.

async function records(from: number, count: number, upvoteBase = 0): Promise<ImportRecord[]> {
  const lines = Array.from({ length: count }, (_, k) => `${JSON.stringify(syntheticItem(from + k, { upvoteBase, authorPool: 400 }))}\n`);
  const out: ImportRecord[] = [];
  for await (const record of readFeed(lines)) {
    if (record instanceof RecordError) throw record;
    out.push(record);
  }
  return out;
}

/** Everything an import decides, without generated ids and timestamps. */
async function snapshot(db: Db) {
  return db.withSession((session) =>
    session.query(`SELECT p.id, p.title, p.abstract, p.day_date::text AS day, p.imported_upvote_count, p.upvote_count, p.github_repo,
        p.ai_keywords, p.num_comments,
        (SELECT json_agg(json_build_array(pa.position, a.match_key, a.name, a.handle, pa.hidden) ORDER BY pa.position)
           FROM paper_authors pa JOIN authors a ON a.id = pa.author_id WHERE pa.paper_id = p.id) AS byline
      FROM papers p ORDER BY p.id`),
  );
}

async function bylineSizes(db: Db): Promise<number[]> {
  const rows = await db.withSession((session) =>
    session.query<{ n: number }>('SELECT count(pa.paper_id)::int AS n FROM papers p LEFT JOIN paper_authors pa ON pa.paper_id = p.id GROUP BY p.id'),
  );
  return [...new Set(rows.map((row) => row.n))];
}

describe.each(ENGINES)('import failures and races on %s', (engine) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
  });
  afterEach(() => database.close());

  /** The database holds exactly what one clean import of `input` into an empty database writes. */
  async function expectSameAsCleanImport(db: Db, input: ImportRecord[], batchSize: number) {
    const clean = await createTestDatabase(engine);
    try {
      await importRecords(clean.db, input, { batchSize });
      expect(await snapshot(db)).toEqual(await snapshot(clean.db));
    } finally {
      await clean.close();
    }
  }

  it('keeps whole batches when a later batch fails, and a re-run completes to the same state as a clean import', async () => {
    const { db } = database;
    const input = await records(0, 300);
    const failing = input[250].arxivId;
    // A real database error in the sixth batch of 50: the trigger refuses one paper.
    await db.withSession((session) =>
      session.exec(`
      CREATE FUNCTION import_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.id = '${failing}' THEN RAISE EXCEPTION 'injected failure on %', NEW.id; END IF; RETURN NEW; END; $$;
      CREATE TRIGGER import_test_fail BEFORE INSERT ON papers FOR EACH ROW EXECUTE FUNCTION import_test_fail();`),
    );
    await expect(importRecords(db, input, { batchSize: 50 })).rejects.toThrow(/injected failure/);
    expect(await db.prisma.paper.count()).toBe(250);
    expect(await bylineSizes(db)).toEqual([8]);
    expect(await db.prisma.paper.count({ where: { id: failing } })).toBe(0);

    await db.withSession((session) => session.exec('DROP TRIGGER import_test_fail ON papers; DROP FUNCTION import_test_fail();'));
    expect(await importRecords(db, input, { batchSize: 50 })).toMatchObject({ read: 300, created: 50, updated: 0, unchanged: 250 });
    await expectSameAsCleanImport(db, input, 50);
  });

  it('lets two imports of overlapping feeds run at once without errors, duplicates or lost bylines', async () => {
    const { db } = database;
    const first = await records(0, 1200);
    const second = [...(await records(600, 1200, 5))].reverse();
    const [a, b] = await Promise.all([importRecords(db, first, { batchSize: 100 }), importRecords(db, second, { batchSize: 100 })]);
    expect(a.read + b.read).toBe(2400);
    expect(await db.prisma.paper.count()).toBe(1800);
    expect(await bylineSizes(db)).toEqual([8]);
    const authors = await db.withSession((session) =>
      session.query<{ n: number; keys: number }>('SELECT count(*)::int AS n, count(DISTINCT match_key)::int AS keys FROM authors'),
    );
    expect(authors[0].n).toBe(authors[0].keys);
    expect(await db.prisma.day.count()).toBe(36);
  });

  it('sends the same statements for a batch of 10 and a batch of 500, and fewer for an unchanged batch', async () => {
    const { db } = database;
    const [ten, fiveHundred] = [await records(0, 10), await records(1000, 500)];
    const imported = (names: string[]) => names.filter((name) => name.startsWith('import'));
    const small = await countStatements(db, () => importRecords(db, ten, { batchSize: 10 }));
    const large = await countStatements(db, () => importRecords(db, fiveHundred, { batchSize: 500 }));
    expect(large.names).toEqual(small.names);
    // New papers have no byline to clear.
    expect(imported(small.names)).toEqual(['importAsyncCommit', 'importAuthors', 'importAuthorIds', 'importPapers', 'importBylines']);
    const again = await countStatements(db, () => importRecords(db, fiveHundred, { batchSize: 500 }));
    // Unchanged papers are recognised in the database: no byline is rewritten.
    expect(imported(again.names)).toEqual(['importAsyncCommit', 'importAuthors', 'importAuthorIds', 'importPapers']);
    // Changed papers get their byline cleared and rewritten.
    const changed = await countStatements(db, async () => {
      expect(await importRecords(db, await records(1000, 500, 7), { batchSize: 500 })).toMatchObject({ updated: 500 });
    });
    expect(imported(changed.names)).toEqual(['importAsyncCommit', 'importAuthors', 'importAuthorIds', 'importPapers', 'importClearBylines', 'importBylines']);
  });

  it('looks up each author once per run: a later batch whose authors are all known sends no author statement', async () => {
    const { db } = database;
    // 400 authors in the pool: the first batch of 200 papers (1,600 bylines) meets nearly all of them.
    const input = await records(0, 1000);
    const run = await countStatements(db, () => importRecords(db, input, { batchSize: 200, concurrency: 1 }));
    const lookups = run.names.filter((name) => name === 'importAuthorIds').length;
    expect(run.names.filter((name) => name === 'importPapers')).toHaveLength(5);
    expect(lookups).toBeLessThan(5);
    expect(await bylineSizes(db)).toEqual([8]);
    await expectSameAsCleanImport(db, input, 1000);
  });

  it('writes batches in parallel, yet a paper listed in two batches ends as its later listing says', async () => {
    const { db } = database;
    const input = await records(0, 400);
    // Every paper of the first batch comes back, retitled, in the next one; the third batch is new.
    const retitled = input.slice(0, 100).map((record) => ({ ...record, title: `${record.title} (v2)` }));
    const feed = [...input.slice(0, 100), ...retitled, ...input.slice(100, 200)];
    const summary = await importRecords(db, feed, { batchSize: 100, concurrency: 3 });
    expect(summary).toMatchObject({ read: 300, created: 200, updated: 100 });
    const titles = await db.prisma.paper.findMany({ where: { id: { in: retitled.map((r) => r.arxivId) } }, select: { title: true } });
    expect(titles.every((paper) => paper.title.endsWith('(v2)'))).toBe(true);
    expect(await bylineSizes(db)).toEqual([8]);
  });
});

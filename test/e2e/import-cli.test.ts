import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db } from '../../src/db/client';
import { syntheticItems, writeSyntheticFeed } from '../../src/import/synthetic-feed';
import { compileApp, type CompiledApp } from '../support/compiled-app';
import { ENGINES } from '../support/services';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// `npm run import` as an operator runs it: a separate process reading files, a directory or
// stdin, against PostgreSQL or an embedded database directory. The sources are compiled for the
// child with swc (as jest compiles them) into a temporary tree beside links to prisma/ and
// node_modules/, so the test needs no prior build and the child carries no compiler in memory.
const ROOT = join(__dirname, '..', '..');
const fixture = (name: string) => join(ROOT, 'test', 'fixtures', name);
const work = mkdtempSync(join(tmpdir(), 'import-cli-'));

let app: CompiledApp;
let CLI: string;
// One embedded database, created and migrated once by `npm run db:migrate`'s code, copied for each
// test: starting PGlite on an empty directory (initdb) and migrating it costs far more than a copy.
const TEMPLATE_DATA_DIR = join(work, 'template-data');
beforeAll(async () => {
  app = compileApp();
  CLI = app.entry('cli/import');
  if (ENGINES.includes('pglite')) {
    const migrated = await runChild(app.entry('cli/migrate'), [], { DATA_DIR: TEMPLATE_DATA_DIR });
    if (migrated.code !== 0) throw new Error(`could not prepare the template data directory:\n${migrated.stderr}`);
  }
}, 120_000);

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runChild(entry: string, args: string[], env: Record<string, string>): Promise<Run> {
  return spawnRun(entry, args, env, '', []).done;
}

/** Starts the import CLI; stdin is written and closed, or left open when `stdin` is null. */
function start(args: string[], env: Record<string, string>, stdin?: string | null, nodeOptions: string[] = []) {
  return spawnRun(CLI, args, env, stdin, nodeOptions);
}

function spawnRun(
  entry: string,
  args: string[],
  env: Record<string, string>,
  stdin: string | null | undefined,
  nodeOptions: string[],
): { child: ChildProcess; done: Promise<Run>; stderr: () => string } {
  const child = spawn(process.execPath, [...nodeOptions, entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  if (stdin !== null) child.stdin!.end(stdin ?? '');
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done, stderr: () => stderr };
}
const cli = (args: string[], env: Record<string, string>, stdin?: string, nodeOptions: string[] = []) => start(args, env, stdin, nodeOptions).done;

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  app?.remove();
});

describe.each(ENGINES)('npm run import on %s', (engine) => {
  let database: TestDatabase | null = null;
  let env: Record<string, string>;
  // PGlite allows one process per data directory: the test opens it only while no CLI runs.
  const inspect = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    if (database) return fn(database.db);
    const db = await createDb({ dataDir: env.DATA_DIR });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };

  beforeEach(async () => {
    if (engine === 'postgres') {
      database = await createTestDatabase('postgres');
      env = { DATABASE_URL: database.url! };
    } else {
      const dataDir = mkdtempSync(join(work, 'data-'));
      cpSync(TEMPLATE_DATA_DIR, dataDir, { recursive: true });
      env = { DATA_DIR: dataDir };
    }
  });
  afterEach(async () => {
    await database?.close();
    database = null;
  });

  it('imports a directory of mixed feeds, lists skipped records with file and position, and changes nothing on a re-run', async () => {
    const dir = join(work, `feeds-${engine}`);
    mkdirSync(dir, { recursive: true });
    for (const name of ['hf-daily-papers.json', 'hf-daily-papers.jsonl', 'arxiv-atom.xml', 'bad-records.json']) copyFileSync(fixture(name), join(dir, name));

    const first = await cli([dir], env);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/^Import done: read 26, created 13, updated 0, unchanged 1, skipped 12 \(/m);
    expect(first.stdout).toContain(`${join(dir, 'bad-records.json')} #7: paper.upvotes must be a non-negative integer, got "12"`);
    // Not a terminal: plain progress lines on stderr, one per input at least.
    expect(first.stderr).toContain(`import: reading ${join(dir, 'arxiv-atom.xml')}`);

    const second = await cli([dir], env);
    expect(second.stdout).toMatch(/^Import done: read 26, created 0, updated 0, unchanged 14, skipped 12 /m);
    expect(await inspect((db) => db.prisma.paper.count())).toBe(13);
  });

  it('reads stdin with --day for entries that carry no date of their own', async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2401.00004v2</id><title>From stdin</title>
      <author><name>Ada Lovelace</name></author></entry></feed>`;
    const run = await cli(['-', '--day', '2025-01-20'], env, xml);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/created 1/);
    const row = await inspect((db) => db.prisma.paper.findUniqueOrThrow({ where: { id: '2401.00004' } }));
    expect(row.dayDate.toISOString().slice(0, 10)).toBe('2025-01-20');
    expect(row.publishedAt).toBeNull();
  });

  it('with --strict stops at the first bad record, says where, and writes nothing', async () => {
    const run = await cli([fixture('bad-records.json'), '--strict'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--strict: ');
    expect(run.stderr).toContain('record 1: paper.id is missing; nothing was written.');
    expect(await inspect((db) => db.prisma.paper.count())).toBe(0);
  });

  it('refuses bad usage with status 2 and the usage text', async () => {
    const run = await cli([fixture('hf-paper.json'), '--day', '2025-02-30'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--day must be a calendar date YYYY-MM-DD, got "2025-02-30"');
    expect(run.stderr).toContain('Usage: npm run import');
    expect((await cli([join(work, 'missing.json')], env)).stderr).toContain('no such file or directory');
  });

  // The feed arrives on stdin, which the test writes: after the first records the importer waits for
  // more, so the signal provably lands mid-import. The test synchronises on what the importer says
  // (its progress line, its "Stopping…" line), never on a sleep.
  const jsonLines = (from: number, to: number) =>
    [...syntheticItems(to)]
      .slice(from)
      .map((item) => JSON.stringify(item))
      .join('\n') + '\n';
  const TOTAL = 2000;
  const FIRST = 1000; // five batches of 200, then the importer waits on stdin
  const progressRead = (stderr: string) =>
    Math.max(0, ...[...stderr.matchAll(/^import: (?:\d+%, )?([\d,]+) records/gm)].map((m) => Number(m[1].replace(/,/g, ''))));

  it('stops after the batch in flight on Ctrl-C (SIGINT), and a re-run completes the import', async () => {
    const running = start(['-', '--batch-size', '200'], env, null);
    running.child.stdin!.write(jsonLines(0, FIRST));
    await waitFor(() => progressRead(running.stderr()) >= FIRST, 90_000);
    running.child.kill('SIGINT');
    await waitFor(() => running.stderr().includes('Stopping after the batch in flight'), 30_000);
    // More input after the signal, should the importer still read: it finishes the batches it holds
    // and reads no further (an importer that already stopped closes its stdin: that is fine too).
    running.child.stdin!.on('error', () => undefined);
    running.child.stdin!.end(jsonLines(FIRST, TOTAL));
    const run = await running.done;
    expect(run.code).toBe(130);
    expect(run.stdout).toMatch(/^Import interrupted: read [\d,]+, created [\d,]+/m);
    const created = Number(/created ([\d,]+)/.exec(run.stdout)![1].replace(/,/g, ''));
    // The progress line counts records read, a little ahead of the batches written.
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThanOrEqual(FIRST + 200);
    expect(await inspect((db) => db.prisma.paper.count())).toBe(created);

    const file = join(work, `interrupt-${engine}.jsonl`);
    await writeSyntheticFeed(file, TOTAL, 'json-lines');
    const rerun = await cli([file, '--batch-size', '200'], env);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`created ${(TOTAL - created).toLocaleString('en-US')}, updated 0, unchanged ${created.toLocaleString('en-US')}`);
    expect(await inspect((db) => db.prisma.paperAuthor.count())).toBe(TOTAL * 8);
  }, 180_000);

  it('stops at once on a second Ctrl-C, keeping only whole batches', async () => {
    const running = start(['-', '--batch-size', '200'], env, null);
    running.child.stdin!.write(jsonLines(0, FIRST));
    await waitFor(() => progressRead(running.stderr()) >= FIRST, 90_000);
    running.child.kill('SIGINT');
    await waitFor(() => running.stderr().includes('press Ctrl-C again to stop at once'), 30_000);
    // stdin stays open: after the first Ctrl-C the importer would wait for its next record; the
    // second one ends the process now.
    running.child.kill('SIGINT');
    const run = await running.done;
    expect(run.code).toBe(130);
    expect(run.stdout).not.toContain('Import done');
    // Whole batches only (the progress line counts records read, ahead of the batches written).
    const papers = await inspect((db) => db.prisma.paper.count());
    expect(papers).toBeGreaterThan(0);
    expect(papers).toBeLessThanOrEqual(FIRST);
    expect(papers % 200).toBe(0);
    expect(await inspect((db) => db.prisma.paperAuthor.count())).toBe(papers * 8);
  }, 180_000);

  // Skipped on PGlite, and listed as an allowed skip in test/allowed-skips.json: the test counts
  // committed batches from a second connection while the importer runs, and an embedded data
  // directory admits one process at a time.
  (engine === 'postgres' ? it : it.skip)(
    'leaves whole batches when the process is killed (SIGKILL), and a re-run completes the import',
    async () => {
      const file = join(work, 'killed.jsonl');
      await writeSyntheticFeed(file, 12_000, 'json-lines');
      const running = start([file, '--batch-size', '500'], env);
      await waitFor(() => running.stderr().includes('import: reading'), 60_000);
      const db = database!.db;
      for (let count = 0; count < 1000; count = await db.prisma.paper.count()) await new Promise((resolve) => setTimeout(resolve, 20));
      running.child.kill('SIGKILL');
      expect((await running.done).signal).toBe('SIGKILL');
      // A COMMIT already on the wire when the process died still lands; let it.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const papers = await db.prisma.paper.count();
      expect(papers).toBeLessThan(12_000);
      expect(papers % 500).toBe(0);
      expect(await db.prisma.paperAuthor.count()).toBe(papers * 8);
      const rerun = await cli([file, '--batch-size', '500'], env);
      expect(rerun.code).toBe(0);
      expect(rerun.stdout).toContain(`updated 0, unchanged ${papers.toLocaleString('en-US')}`);
      expect(await db.prisma.paper.count()).toBe(12_000);
      expect(await db.prisma.paperAuthor.count()).toBe(12_000 * 8);
    },
    180_000,
  );
});

function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => (predicate() ? resolve() : Date.now() - started > timeoutMs ? reject(new Error('timeout')) : setTimeout(tick, 50));
    tick();
  });
}

describe('streaming large inputs', () => {
  // The file only has to be larger than the heap: 40,000 records are about 75 MB.
  it.each(['json-lines', 'json-array'] as const)(
    'validates a %s file larger than its 64 MB heap limit',
    async (format) => {
      const file = join(work, `large.${format}`);
      await writeSyntheticFeed(file, 40_000, format);
      const size = statSync(file).size;
      expect(size).toBeGreaterThan(70 * 1024 * 1024);
      // A 64 MB heap: reading the file whole would fail with an out-of-memory crash.
      const run = await cli([file, '--dry-run'], {}, undefined, ['--max-old-space-size=64']);
      expect(run).toMatchObject({ code: 0, stderr: expect.not.stringContaining('heap out of memory') });
      expect(run.stdout).toMatch(/^Dry run \(nothing written\): read 40,000, valid 40,000, skipped 0 /m);
      const peakMb = Number(/peak memory ([\d,]+) MB/.exec(run.stdout)![1].replace(/,/g, ''));
      // The heap cap above is the proof of streaming. The resident set is mostly code and PGlite's
      // WebAssembly memory (measured 177–275 MB on idle and loaded machines); this bound only catches
      // a gross regression, such as a second copy of the file, without failing on a noisy machine.
      expect(peakMb).toBeLessThan(400);
      rmSync(file);
    },
    300_000,
  );
});

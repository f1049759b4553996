import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LOCK_FILE } from '../../src/db/data-dir-lock';
import { runNode, startBuiltServer, stopServer, type StartedServer } from '../support/child-process';
import { useCompiledApp } from '../support/compiled-app';
import { postGraphQL } from '../support/graphql-client';
import { STARTUP_TIMEOUT_MS } from './abuse-support';

// The README's order on the embedded database: `npm start` in one terminal, a CLI in another.
// Two processes writing one PGlite directory corrupt it, so the server owns the directory and the
// CLIs beside it hand their commands to it (admin/admin-socket-server.ts): what the user sees is
// the command's own output and exit code, and the server's data reflects it at once.

const FIXTURE = join(__dirname, '..', 'fixtures', 'hf-daily-papers.json');
const { app, work } = useCompiledApp('data-dir-lock');

describe('a CLI beside the running server on the embedded database', () => {
  const dataDir = join(work, 'shared');
  let server: StartedServer;
  const cli = (entry: string, args: string[]) => runNode(app().entry(entry), args, { DATA_DIR: dataDir });
  beforeAll(async () => {
    server = await startBuiltServer(app().entry('main'), { DATA_DIR: dataDir, SEED_DEMO: 'true', RESPONSE_CACHE_TTL_SECONDS: '0' });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    if (server) await stopServer(server.child);
  });

  it('npm run users creates a user through the server, and the server accepts the token at once', async () => {
    const created = await cli('cli/users', ['create', 'ada']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created user ada \(id \d+\)\./);
    const token = /dpat_\w+_[\w-]+/.exec(created.stdout)?.[0];
    const data = (await postGraphQL(server.url, '{ viewer { handle } }', undefined, { authorization: `Bearer ${token}` })).expectData();
    expect(data.viewer).toEqual({ handle: 'ada' });

    const listed = await cli('cli/users', ['list', 'ada']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${token!.split('_').slice(0, 2).join('_')}  read,write  active`);
    expect(server.logs()).toMatch(/"command":"users","exitCode":0,"ms":\d+,"msg":"admin command ran"/);
  }, 60_000);

  it("a command's usage error and exit code come back as the CLI's own", async () => {
    const run = await cli('cli/users', ['frobnicate', 'ada']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: npm run users -- <command>');
    expect(run.stdout).toBe('');
    const missing = await cli('cli/users', ['list', 'nobody']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('NOT_FOUND: No User with id "nobody".');
  }, 60_000);

  it("npm run import reads the file from the user's working directory and the server serves the papers", async () => {
    const before = (await postGraphQL(server.url, '{ papers(first: 1) { totalCount } }')).expectData();
    const run = await cli('cli/import', [relative(process.cwd(), FIXTURE)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Import done: read 6, created 5, updated 0, unchanged 1, skipped 0/);
    expect(run.stdout).not.toContain('peak memory'); // the server's memory, not the import's
    const after = (await postGraphQL(server.url, '{ papers(first: 1) { totalCount } }')).expectData();
    expect(after.papers.totalCount).toBe(before.papers.totalCount + 5);

    const stdin = await cli('cli/import', ['-']);
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toContain("cannot read this terminal's standard input");
  }, 60_000);

  it('npm run digest, db:migrate and db:synthetic answer as they do on their own', async () => {
    const digest = await cli('cli/digest', ['--frequency', 'daily', '--dry-run']);
    expect(digest.code).toBe(0);
    expect(digest.stdout).toMatch(/^digest daily:\d{4}-\d{2}-\d{2} \(dry run\): 0 would send/);
    const badDigest = await cli('cli/digest', ['--frequency', 'hourly']);
    expect(badDigest.code).toBe(2);

    const migrate = await cli('cli/migrate', []);
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/is up to date \(\d+ migration\(s\) applied\)\./);

    const synthetic = await cli('cli/synthetic', ['--papers', '10']);
    expect(synthetic.code).toBe(1);
    expect(synthetic.stderr.trim()).toMatch(/^The database already holds \d+ papers; pass --replace to empty the catalogue first\.$/);
  }, 60_000);

  it('another live owner without a socket (a CLI holding the directory) makes a second CLI stop at once, naming it', async () => {
    const otherDir = join(work, 'held');
    await runNode(app().entry('cli/migrate'), [], { DATA_DIR: otherDir });
    // This jest worker is alive: it stands for a long import in another terminal.
    writeFileSync(join(otherDir, LOCK_FILE), JSON.stringify({ pid: process.pid, command: '"npm run import"', since: '2026-01-01T00:00:00.000Z' }));
    try {
      const run = await runNode(app().entry('cli/users'), ['create', 'ada'], { DATA_DIR: otherDir });
      expect(run.code).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`in use by "npm run import" (pid ${process.pid}`);
      expect(lines[0]).toContain('stop that process');
      expect(run.stdout).toBe('');
    } finally {
      unlinkSync(join(otherDir, LOCK_FILE));
    }
  }, 60_000);
});

describe('the CLIs on their own', () => {
  it('users creates a user on a fresh data directory (migrating it), and the server then accepts the token', async () => {
    const dataDir = join(work, 'fresh');
    const created = await runNode(app().entry('cli/users'), ['create', 'ada'], { DATA_DIR: dataDir });
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const token = /dpat_\w+_[\w-]+/.exec(created.stdout)?.[0];
    expect(token).toBeDefined();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

    const server = await startBuiltServer(app().entry('main'), { DATA_DIR: dataDir });
    try {
      const data = (await postGraphQL(server.url, '{ viewer { handle } }', undefined, { authorization: `Bearer ${token}` })).expectData();
      expect(data.viewer).toEqual({ handle: 'ada' });
    } finally {
      await stopServer(server.child);
    }
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  }, 120_000);

  it('takes over a lock left by a process that died', async () => {
    const dataDir = join(work, 'stale');
    await runNode(app().entry('cli/migrate'), [], { DATA_DIR: dataDir });
    // A pid far above any pid_max default: no such process.
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: 2 ** 30, command: 'the server', since: '2026-01-01T00:00:00.000Z' }));
    const run = await runNode(app().entry('cli/users'), ['create', 'grace'], { DATA_DIR: dataDir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('grace');
  }, 120_000);
});

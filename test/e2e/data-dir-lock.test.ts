import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCK_FILE } from '../../src/db/data-dir-lock';
import { runNode, startBuiltServer, stopServer, type StartedServer } from '../support/child-process';
import { useCompiledApp } from '../support/compiled-app';
import { postGraphQL } from '../support/graphql-client';
import { STARTUP_TIMEOUT_MS } from './abuse-support';

// The README's order on the embedded database: `npm start` in one terminal, a CLI in another.
// Two processes writing one PGlite directory corrupt it, so the second one must stop at once,
// say who owns the directory and what to do, and leave the server and its data untouched.

const FIXTURE = join(__dirname, '..', 'fixtures', 'hf-daily-papers.json');
const { app, work } = useCompiledApp('data-dir-lock');

const cliCalls: Array<[string, string, string[]]> = [
  ['npm run users', 'cli/users', ['create', 'ada']],
  ['npm run import', 'cli/import', [FIXTURE]],
  ['npm run digest', 'cli/digest', ['--frequency', 'daily', '--dry-run']],
  ['npm run db:migrate', 'cli/migrate', []],
  ['npm run db:synthetic', 'cli/synthetic', ['--papers', '10', '--replace']],
];

describe('a CLI beside the running server on the embedded database', () => {
  const dataDir = join(work, 'shared');
  let server: StartedServer;
  beforeAll(async () => {
    server = await startBuiltServer(app().entry('main'), { DATA_DIR: dataDir, SEED_DEMO: 'true' });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    if (server) await stopServer(server.child);
  });

  it.each(cliCalls)('%s stops at once with one line naming the server pid and the way out', async (_name, entry, args) => {
    const run = await runNode(app().entry(entry), args, { DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`in use by the server (pid ${server.child.pid}`);
    expect(lines[0]).toContain('stop that process');
    expect(run.stdout).toBe('');
  }, 60_000);

  it('leaves the server serving its data, unchanged', async () => {
    const data = (await postGraphQL(server.url, '{ papers(first: 1) { totalCount } viewer { handle } }')).expectData();
    expect(data).toEqual({ papers: { totalCount: 53 }, viewer: null });
  });
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

import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { runNode, startBuiltServer, stopServer } from '../support/child-process';
import { useCompiledApp } from '../support/compiled-app';

// The errors a newcomer meets at start are one line that says what is wrong and which setting
// fixes it, exit code 1, and never a stack trace or a hang.

const { app, work } = useCompiledApp('startup-errors');

const SERVER_ENV = { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO: 'false' };

function expectOneLine(run: { code: number | null; stderr: string }, ...parts: string[]): void {
  const lines = run.stderr.trim().split('\n');
  expect({ code: run.code, lines: lines.length }).toEqual({ code: 1, lines: 1 });
  for (const part of parts) expect(lines[0]).toContain(part);
  expect(lines[0]).not.toMatch(/\bat .+:\d+:\d+/);
}

describe('start-up errors', () => {
  let blocker: Server;
  let busyPort: number;
  let closedPort: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    busyPort = (blocker.address() as { port: number }).port;
    // A port nothing listens on: taken from the kernel, then let go.
    const released = createServer();
    await new Promise<void>((resolve) => released.listen(0, '127.0.0.1', resolve));
    closedPort = (released.address() as { port: number }).port;
    await new Promise((resolve) => released.close(resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => blocker.close(resolve));
  });

  it('a port in use names the port and PORT, before the slow part of start-up', async () => {
    const run = await runNode(app().entry('main'), [], { ...SERVER_ENV, DATA_DIR: join(work, 'port'), PORT: String(busyPort) });
    expectOneLine(run, `Port ${busyPort} is already in use`, 'set PORT');
  }, 60_000);

  it('a DATA_DIR that cannot be created (/proc/nope) fails at once instead of hanging', async () => {
    const run = await runNode(app().entry('main'), [], { ...SERVER_ENV, DATA_DIR: '/proc/nope' }, 30_000);
    expectOneLine(run, 'DATA_DIR=/proc/nope', 'point DATA_DIR at a directory');
  }, 60_000);

  it('a DATA_DIR that is a file names DATA_DIR', async () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'not a directory');
    const run = await runNode(app().entry('main'), [], { ...SERVER_ENV, DATA_DIR: file });
    expectOneLine(run, `DATA_DIR=${file}`);
  }, 60_000);

  it('PostgreSQL not running names its address and DATABASE_URL (db:migrate)', async () => {
    const run = await runNode(app().entry('cli/migrate'), [], {
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${closedPort}/nothing`,
      DB_CONNECT_TIMEOUT_MS: '2000',
    });
    expectOneLine(run, `Cannot reach PostgreSQL at 127.0.0.1:${closedPort}/nothing`, 'DATABASE_URL');
  }, 60_000);

  it('PostgreSQL not running: the server itself says so in one line and exits 1 (it does not retry at start)', async () => {
    const run = await runNode(app().entry('main'), [], {
      ...SERVER_ENV,
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${closedPort}/nothing`,
      DB_CONNECT_TIMEOUT_MS: '2000',
    });
    expectOneLine(run, `Cannot reach PostgreSQL at 127.0.0.1:${closedPort}/nothing`, 'start PostgreSQL or fix DATABASE_URL');
  }, 60_000);

  it('an invalid variable still lists every bad variable', async () => {
    const run = await runNode(app().entry('main'), [], { ...SERVER_ENV, PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Invalid configuration');
    expect(run.stderr).toContain('PORT');
    expect(run.stderr).toContain('LOG_LEVEL');
  }, 60_000);
});

describe('the start-up banner', () => {
  // `script` (util-linux) runs the server on a pseudo-terminal, as a person's terminal would be.
  const onTerminal = (env: Record<string, string>) =>
    spawn('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(app().entry('main'))}`, '/dev/null'], {
      env: { PATH: process.env.PATH, ...SERVER_ENV, LOG_LEVEL: 'info', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true, // its own process group: the server under `script` stops with it
    });

  async function bannerOf(child: ChildProcessWithoutNullStreams): Promise<string> {
    let out = '';
    try {
      return await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          out += chunk;
          if (/Stop\s+Ctrl-C/.test(out)) resolve(out);
        });
        child.once('exit', (code) => reject(new Error(`exited (${code}) before the banner:\n${out}`)));
      });
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  }

  it('on a terminal, names the API and Playground address, the database and how to get a token', async () => {
    const dataDir = join(work, 'banner');
    const out = await bannerOf(onTerminal({ DATA_DIR: dataDir }));
    expect(out).toMatch(/Daily Papers GraphQL API\s+http:\/\/localhost:\d+\/graphql/);
    expect(out).toMatch(/Playground\s+open http:\/\/localhost:\d+\/graphql in a browser/);
    expect(out).toContain(`embedded PGlite in ${dataDir}`);
    expect(out).toContain('npm run users -- create <handle>');
  }, 120_000);

  it('off a terminal, only JSON log lines are written', async () => {
    const server = await startBuiltServer(app().entry('main'), { DATA_DIR: join(work, 'no-banner') });
    await stopServer(server.child);
    const lines = server.logs().trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  }, 120_000);
});

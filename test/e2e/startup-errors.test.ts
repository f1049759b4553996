import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { runNode } from '../support/child-process';
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
    const run = await runNode(app().entry('cli/migrate'), [], { DATABASE_URL: `postgresql://postgres@127.0.0.1:${closedPort}/nothing`, DB_CONNECT_TIMEOUT_MS: '2000' });
    expectOneLine(run, `Cannot reach PostgreSQL at 127.0.0.1:${closedPort}/nothing`, 'DATABASE_URL');
  }, 60_000);

  it('an invalid variable still lists every bad variable', async () => {
    const run = await runNode(app().entry('main'), [], { ...SERVER_ENV, PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Invalid configuration');
    expect(run.stderr).toContain('PORT');
    expect(run.stderr).toContain('LOG_LEVEL');
  }, 60_000);
});

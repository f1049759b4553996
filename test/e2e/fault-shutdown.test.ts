import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { TEST_DATABASE_URL } from '../support/services';
import { STARTUP_TIMEOUT_MS } from './abuse-support';
import { compileApp, type CompiledApp } from '../support/compiled-app';
import { startBuiltServer } from '../support/child-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';


// SIGTERM under load, against the built server as production runs it: the request in flight
// completes, new connections are refused, websocket clients get 1001, and the process exits 0.
describe('SIGTERM', () => {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  let child: ChildProcess | undefined;
  let app: CompiledApp | undefined;

  beforeAll(() => {
    app = compileApp();
  });

  afterAll(async () => {
    app?.remove();
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await database?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('drains in-flight requests, refuses new connections, closes websockets with 1001 and exits 0', async () => {
    const env: Record<string, string> = {};
    if (TEST_DATABASE_URL) {
      database = await createTestDatabase('postgres', { migrate: false });
      env.DATABASE_URL = database.url!;
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'sigterm-'));
      env.DATA_DIR = dataDir;
    }
    const started = await startBuiltServer(app!.entry('main'), env);
    child = started.child;
    const { url } = started;
    const { port } = new URL(url);

    const ws = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((r) => ws.once('open', r));
    const wsClosed = new Promise<number>((r) => ws.once('close', (code) => r(code)));

    // Load in flight when the signal arrives: every request already sent must complete.
    const body = JSON.stringify({ query: '{ papers(first: 50) { totalCount nodes { arxivId authors { name } } } }' });
    const inFlight = Array.from({ length: 20 }, () =>
      fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
        async (response) => ({ status: response.status, text: await response.text(), at: Date.now() }),
        (error: Error) => ({ status: 0, text: String(error.cause ?? error), at: Date.now() }),
      ),
    );
    await new Promise((r) => setTimeout(r, 30));

    const exited = new Promise<{ code: number | null; ms: number }>((r) => {
      const t0 = Date.now();
      child!.once('exit', (code) => r({ code, ms: Date.now() - t0 }));
    });
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    expect(await wsClosed).toBe(1001);

    // While the in-flight request is still open, the listener closes: new connections are refused.
    const tryConnect = () =>
      new Promise<string>((r) => {
        const socket = connect(Number(port), '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          r('accepted');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => r(error.code ?? 'error'));
      });
    let refused = await tryConnect();
    for (let i = 0; i < 30 && refused === 'accepted'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      refused = await tryConnect();
    }
    expect(refused).toBe('ECONNREFUSED');

    // A request the server had accepted completes (200, whole body) even though it finishes after
    // the signal; one still in the kernel's backlog when the listener closed is refused (status 0,
    // nothing received). Nothing is cut off half-way or answered with an error.
    const answers = await Promise.all(inFlight);
    for (const answer of answers) expect([0, 200]).toContain(answer.status);
    const completed = answers.filter((answer) => answer.status === 200);
    for (const answer of completed) expect(answer.text).toContain('"totalCount":0');
    expect(completed.some((answer) => answer.at > signalledAt)).toBe(true);

    const exit = await exited;
    expect(exit.code).toBe(0);
    expect(exit.ms).toBeLessThan(8000);
  }, STARTUP_TIMEOUT_MS);
});

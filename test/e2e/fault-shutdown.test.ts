import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import WebSocket from 'ws';
import { TEST_DATABASE_URL } from '../support/services';
import { STARTUP_TIMEOUT_MS } from './abuse-support';
import { compileApp, type CompiledApp } from '../support/compiled-app';
import { startBuiltServer } from '../support/child-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const QUERY = JSON.stringify({ query: '{ papers(first: 5) { totalCount nodes { arxivId } } }' });

interface Answer {
  readonly status: number;
  readonly text: string;
}

/**
 * A POST the server has provably accepted: it sends `Expect: 100-continue` and holds its body until
 * the test calls send(); the server's "100 Continue" proves it has read the headers and is serving
 * the request. Works on either engine.
 */
async function heldRequest(url: string): Promise<{ send(): void; answer: Promise<Answer> }> {
  const { hostname, port } = new URL(url);
  const request = httpRequest({
    host: hostname,
    port: Number(port),
    path: '/graphql',
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(QUERY), expect: '100-continue' },
  });
  const answer = new Promise<Answer>((resolve) => {
    request.once('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, text }));
      response.once('error', (error) => resolve({ status: 0, text: String(error) }));
    });
    request.once('error', (error) => resolve({ status: 0, text: String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    request.once('continue', resolve);
    request.once('error', reject);
    request.flushHeaders();
  });
  return { send: () => request.end(QUERY), answer };
}

const tryConnect = (port: number) =>
  new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });

// SIGTERM against the built server as production runs it, with requests that are provably in flight
// when the signal lands: each completes with its data, new connections are refused meanwhile,
// websocket clients get 1001, and the process exits 0.
describe('SIGTERM', () => {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  let child: ChildProcess | undefined;
  let app: CompiledApp | undefined;
  let locker: Client | undefined;

  beforeAll(() => {
    app = compileApp();
  });

  afterAll(async () => {
    app?.remove();
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await locker?.end().catch(() => undefined);
    await database?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'drains requests in flight (a body still arriving; on PostgreSQL, queries waiting on a lock), refuses new connections, closes websockets with 1001 and exits 0',
    async () => {
      const env: Record<string, string> = {};
      if (TEST_DATABASE_URL) {
        database = await createTestDatabase('postgres');
        env.DATABASE_URL = database.url!;
      } else {
        dataDir = mkdtempSync(join(tmpdir(), 'sigterm-'));
        env.DATA_DIR = dataDir;
      }
      // Long timeouts, so that on a slow machine nothing but the test ends the lock wait; no webhook
      // worker, whose background statements would wait on the test's lock too.
      const started = await startBuiltServer(app!.entry('main'), {
        ...env,
        SHUTDOWN_TIMEOUT_MS: '60000',
        DB_STATEMENT_TIMEOUT_MS: '60000',
        WEBHOOK_DELIVER: 'false',
      });
      child = started.child;
      const { url } = started;
      const port = Number(new URL(url).port);

      const ws = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      await new Promise((resolve) => ws.once('open', resolve));
      const wsClosed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

      // In flight, proven: the server answered "100 Continue" and waits for this body.
      const held = await heldRequest(url);

      // On PostgreSQL, also queries that reached the database: the test's own connection holds an
      // exclusive lock on papers, and the server's statements wait on it (seen in pg_stat_activity).
      let locked: Array<Promise<Answer>> = [];
      if (database) {
        locker = new Client({ connectionString: database.url });
        await locker.connect();
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE papers IN ACCESS EXCLUSIVE MODE');
        // One query (several identical ones can share one read on the server; one is enough to prove
        // that a statement in the database is waited for).
        locked = [5].map((first) =>
          fetch(`${url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: `{ papers(first: ${first}) { totalCount nodes { arxivId } } }` }),
          }).then(
            async (response) => ({ status: response.status, text: await response.text() }),
            (error: Error) => ({ status: 0, text: String(error.cause ?? error) }),
          ),
        );
        const waiting = async () =>
          Number(
            (
              await locker!.query(
                "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
              )
            ).rows[0].n,
          );
        // Until it waits on the lock; if it answered instead, it was not held, and the test fails here.
        let answered: Answer | undefined;
        for (const request of locked) void request.then((answer) => (answered ??= answer));
        for (let n = await waiting(); n < locked.length; n = await waiting()) {
          expect(answered).toBeUndefined();
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }

      const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await wsClosed).toBe(1001);

      // While those requests are still open, the listener closes: new connections are refused.
      let refused = await tryConnect(port);
      for (let i = 0; i < 100 && refused === 'accepted'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        refused = await tryConnect(port);
      }
      expect(refused).toBe('ECONNREFUSED');
      expect(child.exitCode).toBeNull();

      // Now let them finish: the body arrives, the lock goes. Each gets its whole answer.
      held.send();
      await locker?.query('ROLLBACK');
      for (const answer of [await held.answer, ...(await Promise.all(locked))]) {
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.text)).toEqual({ data: { papers: { totalCount: 0, nodes: [] } } });
      }

      // Exit 0 only after an orderly stop: a stop cut short by SHUTDOWN_TIMEOUT_MS would exit 1.
      expect(await exited).toBe(0);
      expect(started.logs()).not.toMatch(/"level":(50|60)/);
    },
    STARTUP_TIMEOUT_MS,
  );
});

import WebSocket from 'ws';
import { capturedLog } from '../support/captured-log';
import { createApp, type App } from '../../src/app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testConfig } from '../support/test-config';
import { connectWs } from '../support/ws-client';
import { STARTUP_TIMEOUT_MS } from './abuse-support';

// Every refusal is logged once, over websockets as over HTTP (refusal-log.ts): at info, with its
// code, so an operator can see who was turned away and why. What the client sees is unchanged:
// 4403 for a bad token, HTTP 429 for an upgrade over the cap, 1008 for a message flood, and the
// coded errors of a refused operation.

describe('websocket refusals are logged once each', () => {
  let database: TestDatabase;
  let app: App;
  let url: string;
  let lines: Array<Record<string, any>> = [];
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const captured = capturedLog('info');
    lines = captured.lines;
    const config = testConfig({ LOG_LEVEL: 'info', WS_MAX_CONNECTIONS: '2', WS_MAX_MESSAGES_PER_SECOND: '5', WEBHOOK_DELIVER: 'false' });
    app = await createApp(config, { db: database.db, log: captured.log });
    url = await app.start();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await app?.stop();
    await database?.close();
  });

  const refusals = (msg: string) => lines.filter((line) => line.msg === msg);
  const rawSocket = () => new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');

  it('a bad token: the socket closes with 4403 and one info line names UNAUTHENTICATED', async () => {
    const socket = rawSocket();
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer dpat_00000000_forged' } }));
    expect(await closed).toBe(4403);
    const logged = refusals('websocket refused');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 'info', transport: 'websocket', closeCode: 4403, code: 'UNAUTHENTICATED' });
  });

  it('a refused operation: the client gets the coded error, and one info line lists the code', async () => {
    const { client, connected } = connectWs(url);
    await connected;
    const errors = await new Promise<readonly { extensions?: Record<string, unknown> }[]>((resolve, reject) =>
      client.subscribe(
        { query: '{ papers(first: 1) { nodes { nope } } }' },
        { next: () => reject(new Error('answered')), error: (e) => resolve(e as never), complete: () => reject(new Error('completed')) },
      ),
    );
    await client.dispose();
    expect(errors[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const logged = refusals('websocket operation refused');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 'info', transport: 'websocket', codes: ['GRAPHQL_VALIDATION_FAILED'] });
  });

  it('a message flood: the socket closes with 1008 and one info line, however many messages follow', async () => {
    const socket = rawSocket();
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    for (let i = 0; i < 20; i++) socket.send(JSON.stringify({ type: 'ping' }));
    expect(await closed).toBe(1008);
    const logged = refusals('websocket refused').filter((line) => line.closeCode === 1008);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 'info', code: 'RATE_LIMITED' });
  });

  it('an upgrade over WS_MAX_CONNECTIONS: HTTP 429 and one info line with the status', async () => {
    const open: WebSocket[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const socket = rawSocket();
        open.push(socket);
        await new Promise((resolve) => socket.once('open', resolve));
      }
      const refused = rawSocket();
      open.push(refused);
      const status = await new Promise<number>((resolve) => {
        refused.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        refused.on('error', () => undefined);
      });
      expect(status).toBe(429);
      const logged = refusals('websocket refused').filter((line) => line.status === 429);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ level: 'info', code: 'RATE_LIMITED' });
    } finally {
      for (const socket of open) socket.terminate();
    }
  });
});

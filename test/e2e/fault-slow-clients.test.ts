import { STARTUP_TIMEOUT_MS } from './abuse-support';
import { connect } from 'node:net';
import { startTestServer, type TestServer } from '../support/test-server';

// Slowloris: a client trickling its headers (or body) is cut off by HTTP_HEADERS_TIMEOUT_MS /
// HTTP_REQUEST_TIMEOUT_MS instead of holding a connection forever.
describe('slow clients', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000' } });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => server?.close());

  async function trickle(first: string, drip: string): Promise<{ ms: number; response: string }> {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    let response = '';
    socket.on('data', (chunk) => (response += chunk));
    socket.on('error', () => undefined);
    await new Promise((r) => socket.once('connect', r));
    const started = Date.now();
    socket.write(first);
    const timer = setInterval(() => socket.writable && socket.write(drip), 250);
    await new Promise((r) => socket.once('close', r));
    clearInterval(timer);
    return { ms: Date.now() - started, response };
  }

  it('closes a connection that trickles headers after HTTP_HEADERS_TIMEOUT_MS with 408', async () => {
    const { ms, response } = await trickle('POST /graphql HTTP/1.1\r\nHost: x\r\n', 'X-Slow: 1\r\n');
    // Not before the timeout; that it comes at all is what ends trickle() (a server without the
    // timeout would keep taking drips until jest's timeout fails the test).
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(response).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a connection that trickles its body after HTTP_REQUEST_TIMEOUT_MS', async () => {
    const { ms, response } = await trickle('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{', ' ');
    expect(ms).toBeGreaterThanOrEqual(1900);
    expect(response === '' || /^HTTP\/1\.1 (408|500)/.test(response)).toBe(true);
  });
});

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
  readonly body: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
  /** The status this receiver answered. */
  readonly status: number;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly port: number;
  readonly received: ReceivedDelivery[];
  /** Decides the status of each request (default 200); `n` counts requests from 0. */
  respond: (delivery: Omit<ReceivedDelivery, 'status'>, n: number) => number;
  close(): Promise<void>;
}

/** A real HTTP endpoint in the test process that records every POST it gets. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const delivery = { headers: req.headers, rawBody, body: JSON.parse(rawBody) as ReceivedDelivery['body'] };
      const status = receiver.respond(delivery, received.length);
      received.push({ ...delivery, status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${port}/hooks/daily-papers`,
    port,
    received,
    respond: () => 200,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return receiver;
}

/** Polls until check() holds; fails with what was seen after timeoutMs (a deadline, not a timing assertion). */
export async function waitUntil<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  describe: () => unknown,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; seen: ${JSON.stringify(describe(), null, 1).slice(0, 3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

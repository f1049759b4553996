// A Daily Papers webhook receiver (docs/webhooks.md): verifies the signature, prints the event.
// WEBHOOK_SECRET=whsec_… PORT=8080 node examples/webhook-receiver.mjs
/* global console, process, Buffer */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.WEBHOOK_SECRET ?? '';

/** True when the request was signed with the secret less than 5 minutes ago. */
export function verify(headers, body) {
  const timestamp = String(headers['x-dailypapers-timestamp'] ?? '');
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  const given = Buffer.from(String(headers['x-dailypapers-signature'] ?? ''));
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    if (!verify(req.headers, body)) return res.writeHead(401).end();
    console.log(body); // { id, type, createdAt, data }: a retry repeats the id, so skip ids already seen
    res.writeHead(204).end();
  });
});
server.listen(Number(process.env.PORT ?? 8080), '127.0.0.1', () => console.error(`listening on ${server.address().port}`));

import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A real SMTP server on a free port that keeps what it receives. Recipients in `rejected` are
// refused at RCPT TO with 550, as a mailbox that does not exist would be; hold() keeps the next
// DATA transactions open until released, to prove the caller does not wait for mail.

export interface ReceivedMail {
  readonly to: readonly string[];
  readonly raw: string;
  /** Lower-cased header names, unfolded, encoded words decoded. */
  readonly headers: ReadonlyMap<string, string>;
  readonly subject: string;
  readonly contentType: string;
  readonly text: string;
  readonly html: string;
  /** Whether the message came over TLS (STARTTLS), and the user it authenticated as. */
  readonly secure?: boolean;
  readonly user?: string;
}

export interface SmtpSinkOptions {
  /** Offer STARTTLS with this key and certificate; with `auth`, AUTH is allowed only after it. */
  readonly tls?: { readonly key: string; readonly cert: string };
  /** Require AUTH (PLAIN/LOGIN) with these credentials. */
  readonly auth?: { readonly user: string; readonly pass: string };
}

export interface SmtpSink {
  readonly url: string;
  readonly messages: ReceivedMail[];
  readonly rejected: Set<string>;
  /** Resolves when at least `count` messages arrived in total (rejects after timeoutMs). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Holds DATA until the returned function is called. */
  hold(): () => void;
  close(): Promise<void>;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const rejected = new Set<string>();
  const waiters = new Set<() => void>();
  let gate: Promise<void> | null = null;
  const server = new SMTPServer({
    authOptional: !options.auth,
    disabledCommands: [...(options.tls ? [] : ['STARTTLS']), ...(options.auth ? [] : ['AUTH'])],
    ...(options.tls && { key: options.tls.key, cert: options.tls.cert }),
    onAuth(auth, _session, callback) {
      const { user, pass } = options.auth ?? {};
      if (auth.username === user && auth.password === pass) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('5.7.8 authentication failed'), { responseCode: 535 }));
    },
    logger: false,
    closeTimeout: 1000,
    onRcptTo(address, _session, callback) {
      if (rejected.has(address.address.toLowerCase())) {
        callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        await gate;
        const mail = parseMail(
          Buffer.concat(chunks).toString('utf8'),
          session.envelope.rcptTo.map((r) => r.address),
        );
        messages.push({ ...mail, secure: session.secure, user: typeof session.user === 'string' ? session.user : undefined });
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    rejected,
    waitFor(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(messages.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} messages, got ${messages.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Just enough MIME for tests: one level of multipart, quoted-printable, base64, encoded words. */
export function parseMail(raw: string, to: readonly string[] = []): ReceivedMail {
  const { headers, body } = splitEntity(raw);
  const contentType = headers.get('content-type') ?? 'text/plain';
  const parts = multipartBodies(contentType, body).map(splitEntity);
  const partOf = (type: string) => {
    const part = parts.find((p) => (p.headers.get('content-type') ?? '').startsWith(type));
    return part ? decodeBody(part.body, part.headers.get('content-transfer-encoding')) : '';
  };
  const single = parts.length === 0 ? decodeBody(body, headers.get('content-transfer-encoding')) : '';
  return {
    to,
    raw,
    headers,
    subject: headers.get('subject') ?? '',
    contentType,
    text: parts.length === 0 && contentType.startsWith('text/plain') ? single : partOf('text/plain'),
    html: parts.length === 0 && contentType.startsWith('text/html') ? single : partOf('text/html'),
  };
}

function splitEntity(text: string): { headers: Map<string, string>; body: string } {
  const normalized = text.replace(/\r\n/g, '\n');
  const end = normalized.indexOf('\n\n');
  const head = end === -1 ? normalized : normalized.slice(0, end);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, body: end === -1 ? '' : normalized.slice(end + 2) };
}

function multipartBodies(contentType: string, body: string): string[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!contentType.startsWith('multipart/') || !boundary) return [];
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((part) => !part.startsWith('--'))
    .map((part) => part.replace(/^\n/, ''));
}

function decodeBody(body: string, encoding = '7bit'): string {
  const kind = encoding.toLowerCase();
  if (kind === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (kind === 'quoted-printable') return decodeQuotedPrintable(body.replace(/=\n/g, ''));
  return body;
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_m, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

import { randomUUID } from 'node:crypto';
import { chmodSync, unlinkSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Config } from '../config/load-config';
import type { Db } from '../db/client';
import type { Logger } from '../observability/logger';
import type { CommandIo } from './admin-command';
import { adminSocketPath } from './admin-socket-path';
import { ADMIN_COMMANDS } from './commands';
import { isAdminCommandName } from './commands/meta';

// The embedded database has one owner (db/data-dir-lock.ts). So that `npm run users` and the other
// CLIs still work beside `npm start`, the server listens on a Unix socket in its data directory and
// runs a CLI's command itself, on its own database, streaming the command's output back. The
// socket file is 0600 in a directory only its user writes: the same trust as the data files.
//
// Protocol (NDJSON over HTTP/1.1; admin-socket-client.ts is the other side):
//   POST /run   {"command":"users","argv":["create","ada"]}
//               → {"run":"<id>"} then {"stdout":"…"} / {"stderr":"…"} lines, then {"exit":0}
//   POST /abort {"run":"<id>"}   the user's first Ctrl-C: the command stops after the work in flight

export interface AdminSocketOptions {
  readonly config: Config;
  readonly db: Db;
  readonly log: Logger;
}

export interface AdminSocket {
  readonly path: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

/** Listens on DATA_DIR/admin.sock; null when the database is not embedded or the path cannot hold a socket. */
export async function serveAdminSocket(options: AdminSocketOptions): Promise<AdminSocket | null> {
  const { config, db, log } = options;
  const path = config.databaseUrl || config.dataDir.startsWith('memory://') ? null : adminSocketPath(config.dataDir);
  if (!path || db.engine !== 'pglite') return null;
  const runs = new Map<string, AbortController>();
  const running = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const done = handle(req, res)
      .catch((error: unknown) => {
        log.error({ err: error }, 'admin socket request failed');
        if (!res.headersSent) res.writeHead(500).end();
        else res.end();
      })
      .finally(() => running.delete(done));
    running.add(done);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = req.method === 'POST' ? await readJson(req) : null;
    if (req.url === '/abort' && body) {
      runs.get(String(body.run))?.abort();
      res.writeHead(204).end();
      return;
    }
    if (req.url !== '/run' || !body || !isAdminCommandName(body.command) || !isStringArray(body.argv)) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('expected POST /run {"command", "argv"}\n');
      return;
    }
    const name = body.command;
    const argv = body.argv;
    const id = randomUUID();
    const aborter = new AbortController();
    runs.set(id, aborter);
    // The CLI went away (its second Ctrl-C, a closed terminal): stop as the first Ctrl-C would.
    res.once('close', () => aborter.abort());
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const send = (message: Record<string, unknown>) => {
      if (!res.writableEnded && !res.destroyed) res.write(`${JSON.stringify(message)}\n`);
    };
    send({ run: id });
    const io: CommandIo = {
      out: (line) => send({ stdout: `${line}\n` }),
      err: (line) => send({ stderr: `${line}\n` }),
      progress: { write: (chunk: string | Uint8Array) => (send({ stderr: String(chunk) }), true), isTTY: false } as unknown as CommandIo['progress'],
      signal: aborter.signal,
    };
    const started = Date.now();
    let code = 1;
    try {
      code = await ADMIN_COMMANDS[name].run(argv, { config, db: async () => db, inServer: true }, io);
    } catch (error) {
      io.err(error instanceof Error ? error.message : String(error));
      log.error({ err: error, command: name }, 'admin command failed');
    } finally {
      runs.delete(id);
    }
    log.info({ command: name, exitCode: code, ms: Date.now() - started }, 'admin command ran');
    send({ exit: code });
    res.end();
  }

  try {
    unlinkSync(path); // left by a server that died; this process holds the data directory's lock now
  } catch {
    // none there
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return {
    path,
    /** Stops listening, lets running commands stop after the work in flight, then closes. Before the database closes. */
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const run of runs.values()) run.abort();
      await Promise.all(running);
      server.closeAllConnections();
      await closed;
    },
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= 100 && value.every((item) => typeof item === 'string');
}

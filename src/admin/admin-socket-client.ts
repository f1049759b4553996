import { existsSync } from 'node:fs';
import { request } from 'node:http';
import type { Config } from '../config/load-config';
import { otherOwner } from '../db/data-dir-lock';
import { adminSocketPath } from './admin-socket-path';

// A CLI beside the running server on the embedded database: the server owns the data directory,
// so the CLI asks it to run the command (admin-socket-server.ts) and prints what it streams back.
// This file loads nothing heavy (no Prisma, no PGlite): that is what makes such a call quick.

export interface ThroughServerOptions {
  /** Printed on the first Ctrl-C when the command stops cleanly; otherwise Ctrl-C leaves at once. */
  readonly onInterrupt?: string;
}

/**
 * Runs the command in the server that owns config.dataDir and resolves with its exit code; null when
 * no running server can take it (PostgreSQL, no owner, or an owner without an admin socket): the
 * caller then runs it itself, and the data-directory lock names any other owner.
 */
export async function runThroughRunningServer(
  command: string,
  argv: readonly string[],
  config: Config,
  options: ThroughServerOptions = {},
): Promise<number | null> {
  if (config.databaseUrl) return null;
  const socketPath = adminSocketPath(config.dataDir);
  if (!socketPath || !existsSync(socketPath) || !otherOwner(config.dataDir)) return null;
  return new Promise<number | null>((resolve, reject) => {
    let runId: string | undefined;
    let exit: number | undefined;
    let interrupted = false;
    const onSigint = () => {
      if (interrupted || !options.onInterrupt || !runId) process.exit(130);
      interrupted = true;
      process.stderr.write(`\n${options.onInterrupt}\n`);
      request({ socketPath, path: '/abort', method: 'POST' })
        .on('error', () => undefined)
        .end(JSON.stringify({ run: runId }));
    };
    const req = request({ socketPath, path: '/run', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`the running server refused the command (HTTP ${res.statusCode})`));
        return;
      }
      process.on('SIGINT', onSigint);
      let buffered = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        let newline;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const message = JSON.parse(buffered.slice(0, newline)) as { run?: string; stdout?: string; stderr?: string; exit?: number };
          buffered = buffered.slice(newline + 1);
          if (message.run) runId = message.run;
          if (message.stdout) process.stdout.write(message.stdout);
          if (message.stderr) process.stderr.write(message.stderr);
          if (message.exit !== undefined) exit = message.exit;
        }
      });
      res.on('end', () => {
        process.off('SIGINT', onSigint);
        if (exit !== undefined) resolve(exit);
        else reject(new Error('the running server stopped before the command finished'));
      });
    });
    // A socket left by a server that died (its lock is stale too): run the command here instead.
    req.on('error', (error: NodeJS.ErrnoException) =>
      runId === undefined && ['ECONNREFUSED', 'ENOENT'].includes(error.code ?? '') ? resolve(null) : reject(error),
    );
    req.end(JSON.stringify({ command, argv }));
  });
}

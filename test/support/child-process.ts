import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

// The server and the CLIs as separate processes, the way a user runs them (compiled by compileApp()).

const ROOT = resolve(__dirname, '../..');

export interface StartedServer {
  readonly child: ChildProcess;
  readonly url: string;
  logs(): string;
}

/** Starts the compiled server in its own process and resolves with its URL from the "server listening" log line. */
export function startBuiltServer(main: string, env: Record<string, string>): Promise<StartedServer> {
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      SEED_DEMO: 'false',
      SHUTDOWN_TIMEOUT_MS: '8000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(out);
      if (match) resolvePromise({ child, url: match[1], logs: () => out });
    });
    child.stderr!.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

export interface NodeRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a compiled entry point to its end (killed after timeoutMs, so a hang fails the test instead of stalling it). */
export function runNode(entry: string, args: readonly string[], env: Record<string, string>, timeoutMs = 60_000): Promise<NodeRun> {
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolvePromise) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    }),
  );
}

/** Stops a server with SIGTERM and waits for it to exit. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolvePromise) => child.once('exit', resolvePromise));
  child.kill('SIGTERM');
  await exited;
}

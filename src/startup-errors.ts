import { createServer } from 'node:net';
import { ConfigError } from './config/config-error';
import { loadConfig } from './config/load-config';
import { DataDirBusyError } from './db/data-dir-lock';

// The errors a newcomer meets when starting the server or a CLI, each as one line that says what
// is wrong and which setting fixes it. The server (main.ts) and every CLI end through here, so a
// stack trace is left only for what is really a bug.

/** What a start-up error message may mention: the settings in effect. */
export interface StartupSettings {
  readonly databaseUrl?: string;
  readonly dataDir?: string;
  readonly port?: number;
}

type Errno = NodeJS.ErrnoException & { address?: string; port?: number; errors?: unknown[] };

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
const FILE_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR', 'EEXIST', 'ENOSPC']);

/** The code of the error, or of the first inner error (pg reports both IPv4 and IPv6 failures). */
function codeOf(error: unknown): string | undefined {
  const errno = error as Errno | undefined;
  if (typeof errno?.code === 'string') return errno.code;
  const inner = errno?.errors?.[0] as Errno | undefined;
  return typeof inner?.code === 'string' ? inner.code : undefined;
}

function where(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** One line for a known start-up error; null when the error is not one of them (a bug: show it whole). */
export function describeStartupError(error: unknown, settings: StartupSettings = {}): string | null {
  if (error instanceof ConfigError || error instanceof DataDirBusyError) return error.message;
  const code = codeOf(error);
  const message = (error as Error | undefined)?.message ?? String(error);

  if (code === 'EADDRINUSE') {
    const port = (error as Errno).port ?? settings.port;
    return `Port ${port ?? ''} is already in use (another server, or this one started twice): stop that process or set PORT to a free port.`;
  }
  if (settings.databaseUrl && code && CONNECT_CODES.has(code)) {
    return `Cannot reach PostgreSQL at ${where(settings.databaseUrl)} (${code}): start PostgreSQL or fix DATABASE_URL; unset DATABASE_URL to use the embedded database in DATA_DIR.`;
  }
  if (settings.databaseUrl && /password authentication failed|role ".*" does not exist|database ".*" does not exist/.test(message)) {
    return `PostgreSQL at ${where(settings.databaseUrl)} refused the connection: ${message}. Fix DATABASE_URL (or create the database with createdb).`;
  }
  if (!settings.databaseUrl && settings.dataDir) {
    const path = (error as Errno).path ?? settings.dataDir;
    if (code && FILE_CODES.has(code)) {
      return `The embedded database cannot use DATA_DIR=${settings.dataDir} (${code} on ${path}): point DATA_DIR at a directory this user can create and write, or fix its permissions.`;
    }
    if (/PGlite|pglite|Aborted\(|RuntimeError/.test(message) || /pglite/i.test((error as Error | undefined)?.stack ?? '')) {
      return `The embedded database in DATA_DIR=${settings.dataDir} could not be opened (${message.split('\n')[0]}): it may belong to another PostgreSQL version or be damaged; point DATA_DIR at a new directory (the demo reloads there) or restore this one.`;
    }
  }
  return null;
}

/** Prints the error (one line when known, whole otherwise) and ends the process with exit code 1. */
export function exitOnStartupError(error: unknown, settings: StartupSettings = {}): never {
  console.error(describeStartupError(error, settings) ?? error);
  process.exit(1);
}

/** The settings a CLI ran with, for its error message; none when the configuration itself is invalid. */
export function settingsFromEnv(env: NodeJS.ProcessEnv): StartupSettings {
  try {
    return loadConfig(env);
  } catch {
    return {};
  }
}

/**
 * Fails fast when the port is taken, before the slow part of start-up (database, migrations,
 * schema) and before graphql-ws reports the listen error as its own "internal error".
 */
export async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

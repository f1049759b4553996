import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// PGlite has no lock of its own: two processes that open one data directory both write to it,
// and the second one's writes (a token, an import) are lost or corrupt the first one's catalogue.
// So whoever opens the embedded database first owns it until it closes, and everyone else stops
// at once with a line that names the owner and the way out.

export const LOCK_FILE = 'daily-papers.lock';

export interface LockOwner {
  readonly pid: number;
  readonly command: string;
  readonly since: string;
}

/** Another live process owns the data directory. */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by ${owner.command} (pid ${owner.pid}, since ${owner.since}). ` +
        'PGlite allows one process per data directory: stop that process (Ctrl-C in its terminal) and run this again, ' +
        'or point DATA_DIR at another directory.',
    );
    this.name = 'DataDirBusyError';
  }
}

export interface DataDirLock {
  release(): void;
}

/**
 * mkdir -p without Node's `recursive: true`, which loops forever on a path the kernel refuses with
 * ENOENT although its parent exists (DATA_DIR=/proc/nope hung the server, deaf to Ctrl-C).
 */
export function makeDirectory(path: string): void {
  try {
    mkdirSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if (!statSync(path).isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, ${path}`), { code: 'ENOTDIR', path });
      return;
    }
    const parent = dirname(path);
    if (code !== 'ENOENT' || parent === path) throw error;
    makeDirectory(parent);
    mkdirSync(path); // a second ENOENT (the parent exists now) is final
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    return Number.isSafeInteger(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

/** The live process that owns the data directory, if another one does. */
export function otherOwner(dataDir: string): LockOwner | null {
  const owner = readOwner(join(dataDir, LOCK_FILE));
  return owner && owner.pid !== process.pid && alive(owner.pid) ? owner : null;
}

/** What this process is, in words a user recognises in `ps` or in their other terminal. */
export function describeProcess(argv = process.argv): string {
  const script = argv[1] ?? '';
  const match = /(?:^|[\\/])(?:cli[\\/])?([\w-]+)\.[jt]s$/.exec(script);
  const name = match?.[1];
  if (!name || name === 'main') return 'the server';
  const scripts: Record<string, string> = { migrate: 'db:migrate', synthetic: 'db:synthetic', 'demo-synthetic': 'demo:synthetic' };
  return `"npm run ${scripts[name] ?? name}"`;
}

/**
 * Takes the data directory for this process, or throws DataDirBusyError naming the owner. A lock
 * left by a process that died (kill -9, a crash) is taken over. Released on release() and, as a
 * last resort, when the process exits.
 */
export function lockDataDir(dataDir: string, command = describeProcess()): DataDirLock {
  makeDirectory(dataDir);
  const path = join(dataDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, command, since: new Date().toISOString() };
  for (let attempt = 0; ; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const owner = readOwner(path);
      if (owner && owner.pid !== process.pid && alive(owner.pid)) throw new DataDirBusyError(resolve(dataDir), owner);
      // A stale lock (its process is gone, or the file is unreadable): take it over, once.
      unlinkSync(path);
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    if (readOwner(path)?.pid === process.pid) unlinkSync(path);
  };
  process.on('exit', release);
  return { release };
}

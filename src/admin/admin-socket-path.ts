import { join, resolve } from 'node:path';

// The running server's admin socket lives in the data directory it owns: only someone who can
// write that directory (the same user, as the data files themselves) can reach it.

export const ADMIN_SOCKET_FILE = 'admin.sock';

/** Unix socket paths are limited to ~104 bytes (macOS) / 108 (Linux); a deeper DATA_DIR gets no socket. */
const MAX_SOCKET_PATH = 100;

/** The socket path for a data directory, or null where there can be none (too long, Windows). */
export function adminSocketPath(dataDir: string): string | null {
  if (process.platform === 'win32') return null;
  const path = join(resolve(dataDir), ADMIN_SOCKET_FILE);
  return Buffer.byteLength(path) <= MAX_SOCKET_PATH ? path : null;
}

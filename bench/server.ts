import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface RunningServer {
  readonly url: string;
  /** The server's process id, for its CPU and memory in /proc. */
  readonly pid: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The built server of this checkout. */
export const DEFAULT_SERVER = join(__dirname, '..', 'dist', 'main.js');

/**
 * A built server (dist/main.js, or another build's, to compare two) in its own process, so the
 * load generator does not share its event loop. Rate limits and query cost caps are lifted: the
 * bench measures throughput. `args` go to node before the script (-r for a TypeScript entry).
 */
export async function startServer(env: Record<string, string>, script = DEFAULT_SERVER, args: string[] = []): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...args, script], {
    env: {
      ...process.env,
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      MIGRATE_ON_START: 'true',
      RATE_LIMIT_IP_POINTS: '1000000000',
      RATE_LIMIT_USER_POINTS: '1000000000',
      MAX_QUERY_COST: '100000000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 600) throw new Error('server did not become ready within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `${base}/graphql`,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

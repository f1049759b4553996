import { readFileSync } from 'node:fs';
import { Client } from 'pg';

// CPU time from /proc rather than wall-clock rates: the bench machine is shared, and a figure
// such as "2.1 ms of server CPU per request" survives neighbours that halve the req/s.

// Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel.
const TICK_MS = 10;

/** User + system CPU milliseconds a process has used so far; 0 once it has exited. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis don't.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Resident memory of a process in MB (VmRSS); NaN when unreadable. */
export function processRssMb(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Samples the CPU of every PostgreSQL backend serving one database (the servers under test and
 * the floor all connect to it; other databases on the same instance are not counted). Backends
 * that connect during a window count from zero. Needs PostgreSQL on this machine (its /proc).
 */
export class PostgresCpu {
  private constructor(private readonly client: Client) {}

  static async connect(databaseUrl: string): Promise<PostgresCpu | null> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    if (processCpuMs(rows[0].pid) === 0 && !readable(rows[0].pid)) {
      await client.end();
      return null;
    }
    return new PostgresCpu(client);
  }

  /** CPU ms so far per backend pid of this database, this sampler's own backend excluded. */
  async snapshot(): Promise<Map<number, number>> {
    const { rows } = await this.client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return new Map(rows.map((row) => [row.pid, processCpuMs(row.pid)]));
  }

  /** CPU ms the database's backends spent between two snapshots. */
  static between(before: Map<number, number>, after: Map<number, number>): number {
    let total = 0;
    for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
    return total;
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

function readable(pid: number): boolean {
  try {
    readFileSync(`/proc/${pid}/stat`);
    return true;
  } catch {
    return false;
  }
}

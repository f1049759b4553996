import { Extension, PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type PoolClient } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { lockDataDir } from './data-dir-lock';
import { BoundedClient } from './bounded-client';
import { PrismaClient, type Prisma } from './generated/client';
import { preparedRead } from './prepared-reads';

export type DbEngine = 'postgres' | 'pglite';

export interface DbOptions {
  /** postgres://… for PostgreSQL; absent for embedded PGlite. */
  readonly databaseUrl?: string;
  /** PGlite's data directory; "memory://" keeps it in memory (tests). */
  readonly dataDir: string;
  readonly poolSize?: number;
  readonly connectTimeoutMs?: number;
  readonly statementTimeoutMs?: number;
  /**
   * PGlite in memory only: start from this dumped data directory (PGlite's `dumpDataDir()`)
   * instead of an empty one, which skips initdb. Tests start every database from one migrated copy.
   */
  readonly pgliteDataDirDump?: Blob;
}

/** SQL as written on one connection, for what Prisma can't do or does slowly: multi-statement scripts, session locks, bulk writes. */
export interface DbSession {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  exec(sql: string): Promise<void>;
}

export interface TransactionOptions {
  /**
   * How long PGlite's transaction may last (default 5 minutes) before Prisma rolls it back. On
   * PostgreSQL each statement has the pool's statement_timeout instead.
   */
  readonly timeoutMs?: number;
}

export interface StatementEvent {
  readonly sql: string;
  readonly durationMs: number;
}

export interface Db {
  readonly prisma: PrismaClient;
  readonly engine: DbEngine;
  /** Runs fn on one dedicated connection (PGlite has only one). */
  withSession<T>(fn: (session: DbSession) => Promise<T>): Promise<T>;
  /**
   * Runs fn in one transaction, its statements sent as written ($1… parameters): committed when fn
   * resolves, rolled back when it throws. For bulk writes whose parameters weigh megabytes: on
   * PostgreSQL they go to pg directly, because Prisma's path spends about 10 ms of CPU encoding a
   * 1.3 MB parameter that pg sends for 2.5 ms. On PGlite it is a Prisma transaction, so that
   * Prisma keeps ordering everything on its one connection. Statements are reported to onStatement.
   */
  transaction<T>(fn: (tx: DbSession) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * A read-only statement of the hot read path (feeds, pages, bylines): a named prepared statement
   * sent by pg on PostgreSQL (see prepared-reads.ts), Prisma's $queryRaw on PGlite. Rows have the
   * shape $queryRaw gives. Reported to onStatement.
   */
  read<Row>(sql: Prisma.Sql): Promise<Row[]>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** Observes every statement sent through Prisma or transaction(); returns an unsubscribe function. */
  onStatement(listener: (event: StatementEvent) => void): () => void;
  close(): Promise<void>;
}

/** How long after statement_timeout the client gives up on a statement the server never answered. */
export const QUERY_TIMEOUT_MARGIN_MS = 1000;

export type PrismaTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** The one place that knows which driver backs Prisma. Nothing connects until the first query. */
export async function createDb(options: DbOptions): Promise<Db> {
  return options.databaseUrl ? createPostgresDb(options, options.databaseUrl) : createPgliteDb(options);
}

// The package's types for contrib/* describe only its ESM build; the CJS build is the same module.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };

function createPrisma(adapter: PrismaPg | PrismaPGlite) {
  return new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] as const });
}

function statementHub(prisma: ReturnType<typeof createPrisma>) {
  const listeners = new Set<(event: StatementEvent) => void>();
  const emit = (event: StatementEvent) => {
    for (const listener of listeners) listener(event);
  };
  prisma.$on('query', (event) => emit({ sql: event.query, durationMs: event.duration }));
  const subscribe = (listener: (event: StatementEvent) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return { subscribe, emit };
}

/** A pg connection as a DbSession whose statements are reported like Prisma's. */
function observedSession(client: PoolClient, emit: (event: StatementEvent) => void): DbSession {
  const run = async (sql: string, params?: unknown[]) => {
    const started = performance.now();
    try {
      return await client.query(sql, params);
    } finally {
      emit({ sql, durationMs: performance.now() - started });
    }
  };
  return {
    query: async (sql, params) => (await run(sql, params)).rows,
    exec: async (sql) => void (await run(sql)),
  };
}

function createPostgresDb(options: DbOptions, databaseUrl: string): Db {
  const statementTimeoutMs = options.statementTimeoutMs ?? 10000;
  const pool = new Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    // Without it pg waits forever for a free connection or an unreachable host.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    statement_timeout: statementTimeoutMs,
    // The client-side bound: statement_timeout is enforced by the server, so it never fires
    // when the network between us is gone; this one does, a margin later (BoundedClient).
    ...(statementTimeoutMs > 0 && { query_timeout: statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS }),
    // Lets the kernel notice a dead peer on idle connections instead of holding them forever.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    idleTimeoutMillis: 30000,
    // The hot reads are named prepared statements (prepared-reads.ts) so that each is planned
    // once per connection. PostgreSQL's default (auto) still re-planned them on every execution:
    // their batch parameters are arrays (`= ANY($1)`), whose generic estimate always loses to a
    // custom plan for one key, so planning cost 0.1–0.5 ms per statement (pg_stat_statements:
    // plans = calls). Their generic plans run as fast as the custom ones (measured on the bench
    // data at 100k and 1M papers), so connections use them. It applies only to named statements:
    // Prisma's are unnamed and planned per execution as before.
    // PostgreSQL's JIT is off on these connections: a generic plan's cost estimate (an array
    // parameter of unknown length) crossed jit_above_cost at 1M papers, and compiling the day
    // feed's statement took ~90 ms per execution (21 ms of PostgreSQL CPU per request). Short
    // OLTP statements never repay JIT compilation.
    // Both travel in the startup packet (no statement of their own); an `options` parameter in
    // DATABASE_URL replaces them.
    options: '-c plan_cache_mode=force_generic_plan -c jit=off',
    Client: BoundedClient,
  });
  // An idle client losing its server must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const prisma = createPrisma(new PrismaPg(pool));
  const statements = statementHub(prisma);
  return {
    prisma,
    engine: 'postgres',
    onStatement: statements.subscribe,
    async read<Row>(sql: Prisma.Sql) {
      const started = performance.now();
      try {
        return await preparedRead<Row>(pool, sql);
      } finally {
        statements.emit({ sql: sql.text, durationMs: performance.now() - started });
      }
    },
    async withSession(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          query: async (sql, params) => (await client.query(sql, params)).rows,
          exec: async (sql) => void (await client.query(sql)),
        });
      } finally {
        client.release();
      }
    },
    async transaction(fn) {
      const client = await pool.connect();
      const session = observedSession(client, statements.emit);
      // A connection whose ROLLBACK failed is in an unknown state: the pool discards it.
      let broken: Error | undefined;
      try {
        await session.exec('BEGIN');
        const result = await fn(session);
        await session.exec('COMMIT');
        return result;
      } catch (error) {
        await session.exec('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async ping() {
      await pool.query('/* ping */ SELECT 1');
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function createPgliteDb(options: DbOptions): Promise<Db> {
  const inMemory = options.dataDir.startsWith('memory://');
  // One process per data directory: a second one stops here, naming the owner (data-dir-lock.ts).
  const lock = inMemory ? null : lockDataDir(options.dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(inMemory ? undefined : options.dataDir, {
      extensions: { pg_trgm },
      ...(inMemory && options.pgliteDataDirDump ? { loadDataDir: options.pgliteDataDirDump } : {}),
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const prisma = createPrisma(new PrismaPGlite(pglite));
  const statements = statementHub(prisma);
  return {
    prisma,
    engine: 'pglite',
    onStatement: statements.subscribe,
    read: (sql) => prisma.$queryRaw(sql),
    async withSession(fn) {
      return fn({
        query: async (sql, params) => (await pglite.query(sql, params)).rows as never[],
        exec: async (sql) => void (await pglite.exec(sql)),
      });
    },
    async transaction(fn, transactionOptions) {
      const timeout = transactionOptions?.timeoutMs ?? 300_000;
      return prisma.$transaction(
        (tx) =>
          fn({
            query: (sql, params = []) => tx.$queryRawUnsafe(sql, ...params),
            exec: async (sql) => void (await tx.$executeRawUnsafe(sql)),
          }),
        { timeout, maxWait: Math.min(timeout, 30_000) },
      );
    },
    async ping() {
      await pglite.query('/* ping */ SELECT 1');
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      lock?.release();
    },
  };
}

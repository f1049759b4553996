import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDb, type Db } from '../../src/db/client';
import { migrate } from '../../src/db/migrate';
import { TEST_DATABASE_URL } from './services';

export interface TestDatabase {
  readonly db: Db;
  readonly engine: 'pglite' | 'postgres';
  /** For PostgreSQL, the URL of this test's own database. */
  readonly url?: string;
  close(): Promise<void>;
}

/** A fresh, migrated database of its own: in-memory PGlite, or a new database on TEST_DATABASE_URL's server. */
export async function createTestDatabase(engine: 'pglite' | 'postgres' = 'pglite', options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const db = await createDb({ dataDir: 'memory://' });
    if (options.migrate !== false) await migrate(db);
    return { db, engine, close: () => db.close() };
  }
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `dp_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = withDatabase(TEST_DATABASE_URL, name);
  const db = await createDb({ databaseUrl: url, dataDir: '', poolSize: 10 });
  if (options.migrate !== false) await migrate(db);
  return {
    db,
    engine,
    url,
    async close() {
      await db.close();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

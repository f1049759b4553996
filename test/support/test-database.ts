import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite, type Extension } from '@electric-sql/pglite';
import { Client } from 'pg';
import { createDb, type Db, type DbSession } from '../../src/db/client';
import { migrate, readMigrations } from '../../src/db/migrate';
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
    // A migrated database starts from the migrated template; an unmigrated one from initdb's.
    const db = await createDb({ dataDir: 'memory://', pgliteDataDirDump: await pgliteTemplate(options.migrate !== false) });
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

// Starting PGlite on an empty directory runs initdb inside WebAssembly, and migrating runs every
// migration: most of what a database suite cost on PGlite. So a migrated database is built once
// and dumped to a file in the temporary directory, named by the PGlite version and the migrations'
// checksums (a changed migration makes a new file); every test database, in every test process and
// run, starts from that dump.
const templates = new Map<boolean, Promise<Blob>>();

function pgliteTemplate(migrated: boolean): Promise<Blob> {
  let template = templates.get(migrated);
  if (!template) {
    template = loadOrBuildPgliteTemplate(migrated);
    templates.set(migrated, template);
  }
  return template;
}

async function loadOrBuildPgliteTemplate(migrated: boolean): Promise<Blob> {
  // The package's files (its exports map hides package.json): a new PGlite build makes a new key.
  const pgliteDist = dirname(require.resolve('@electric-sql/pglite'));
  const key = createHash('sha256').update(readFileSync(join(pgliteDist, '..', 'package.json')));
  if (migrated) for (const migration of readMigrations()) key.update(`${migration.name}:${migration.checksum}`);
  const file = join(tmpdir(), `daily-papers-pglite-${migrated ? 'migrated' : 'empty'}-${key.digest('hex').slice(0, 16)}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const dump = await buildPgliteTemplate(migrated);
  // Written aside and renamed, so a parallel test process never reads half a file.
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  return dump;
}

async function buildPgliteTemplate(migrated: boolean): Promise<Blob> {
  // The same extension set as createDb, so the dump opens as createDb opens a directory.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };
  const pglite = await PGlite.create(undefined, { extensions: { pg_trgm } });
  try {
    // migrate() needs only a session on one connection, which is all PGlite has.
    const session: DbSession = {
      query: async (sql, params) => (await pglite.query(sql, params)).rows as never[],
      exec: async (sql) => void (await pglite.exec(sql)),
    };
    if (migrated) await migrate({ withSession: (fn) => fn(session) } as Pick<Db, 'withSession'> as Db);
    return await pglite.dumpDataDir('none');
  } finally {
    await pglite.close();
  }
}

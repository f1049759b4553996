import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, MigrationError, readMigrations } from '../../src/db/migrate';
import { ENGINES } from '../support/services';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe.each(ENGINES)('migrations on %s', (engine) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(engine, { migrate: false });
  });
  afterEach(() => database.close());

  it('apply every migration once and record it the way prisma migrate does', async () => {
    const first = await migrate(database.db);
    const second = await migrate(database.db);
    const names = readMigrations().map((m) => m.name);
    expect(first).toEqual({ applied: names, alreadyApplied: [] });
    expect(second).toEqual({ applied: [], alreadyApplied: names });
    const rows = await database.db.withSession((s) =>
      s.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
        'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
      ),
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    expect(rows.every((r) => r.finished_at instanceof Date && r.applied_steps_count === 1)).toBe(true);
    expect(rows.map((r) => r.checksum)).toEqual(readMigrations().map((m) => m.checksum));
  });

  it("keeps the GIN indexes' pending lists small, so a search never scans more than 256 kB of unmerged entries", async () => {
    await migrate(database.db);
    const rows = await database.db.withSession((s) =>
      s.query<{ relname: string; reloptions: string[] | null }>(
        `SELECT c.relname, c.reloptions FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE am.amname = 'gin' ORDER BY c.relname`,
      ),
    );
    expect(rows).toEqual([
      { relname: 'authors_name_trgm_idx', reloptions: ['fastupdate=on', 'gin_pending_list_limit=256'] },
      { relname: 'papers_search_vector_idx', reloptions: ['fastupdate=on', 'gin_pending_list_limit=256'] },
    ]);
  });

  it('stores long paper texts with lz4 where the server has it (PostgreSQL builds do, PGlite does not) and pglz elsewhere', async () => {
    await migrate(database.db);
    const [server] = await database.db.withSession((s) =>
      s.query<{ lz4: boolean }>(`SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`),
    );
    // PGlite is built without lz4; Debian's PostgreSQL (CI) with it, so both branches run in CI.
    if (engine === 'pglite') expect(server.lz4).toBe(false);
    const columns = await database.db.withSession((s) =>
      s.query<{ attname: string; compression: string }>(
        `SELECT attname, attcompression::text AS compression FROM pg_attribute
         WHERE attrelid = 'papers'::regclass AND attname IN ('abstract', 'ai_summary', 'search_vector', 'title') ORDER BY attname`,
      ),
    );
    const lz4 = server.lz4 ? 'l' : '';
    expect(columns).toEqual([
      { attname: 'abstract', compression: lz4 },
      { attname: 'ai_summary', compression: lz4 },
      { attname: 'search_vector', compression: lz4 },
      { attname: 'title', compression: '' },
    ]);
  });

  it('refuses to continue when an applied migration file was edited', async () => {
    await migrate(database.db);
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
    await expect(migrate(database.db, edited)).rejects.toThrow(MigrationError);
    await expect(migrate(database.db, edited)).rejects.toThrow(/was modified after it was applied/);
  });

  it('rolls back a failing migration whole and records nothing for it', async () => {
    await migrate(database.db);
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    mkdirSync(join(dir, '29990101000000_broken'));
    writeFileSync(join(dir, '29990101000000_broken', 'migration.sql'), 'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;');
    const broken = [...readMigrations(), ...readMigrations(dir)];
    await expect(migrate(database.db, broken)).rejects.toThrow(/29990101000000_broken failed and was rolled back/);
    const leftovers = await database.db.withSession((s) =>
      s.query(
        "SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done' UNION ALL SELECT 1 FROM \"_prisma_migrations\" WHERE migration_name = '29990101000000_broken'",
      ),
    );
    expect(leftovers).toEqual([]);
  });
});

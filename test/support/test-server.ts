import { createApp, type App } from '../../src/app';
import { migrate } from '../../src/db/migrate';
import { createTestDatabase, type TestDatabase } from './test-database';
import { testConfig } from './test-config';

export interface TestServer {
  readonly app: App;
  readonly url: string;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

/** A real server on a free port over a fresh database of its own. */
export async function startTestServer(
  options: { engine?: 'pglite' | 'postgres'; env?: Record<string, string>; database?: TestDatabase } = {},
): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase(options.engine ?? 'pglite'));
  await migrate(database.db);
  const app = await createApp(testConfig(options.env), { db: database.db });
  const url = await app.start();
  return {
    app,
    url,
    database,
    async close() {
      await app.stop();
      if (!options.database) await database.close();
    },
  };
}

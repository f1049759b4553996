import { createDb } from '../db/client';
import { dbOptionsFrom } from '../db/db-options';
import { migrate } from '../db/migrate';
import { loadConfig } from '../config/load-config';
import { exitOnStartupError, settingsFromEnv } from '../startup-errors';

// npm run db:migrate — applies prisma/migrations to DATABASE_URL, or to the embedded database.
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const db = await createDb(dbOptionsFrom(config));
  try {
    const result = await migrate(db);
    const target = config.databaseUrl ? 'PostgreSQL' : `embedded database in ${config.dataDir}`;
    console.log(
      result.applied.length > 0
        ? `Applied ${result.applied.length} migration(s) to ${target}: ${result.applied.join(', ')}`
        : `${target} is up to date (${result.alreadyApplied.length} migration(s) applied).`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => exitOnStartupError(error, settingsFromEnv(process.env)));

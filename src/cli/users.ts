import { loadConfig } from '../config/load-config';
import { createDb } from '../db/client';
import { dbOptionsFrom } from '../db/db-options';
import { migrate } from '../db/migrate';
import { exitOnStartupError, settingsFromEnv } from '../startup-errors';
import { IdentityService } from '../services/identity.service';
import { runUsersCommand } from './users-command';

// npm run users -- create|token|revoke|list … against DATABASE_URL or the embedded database.
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const db = await createDb(dbOptionsFrom(config));
  try {
    // A fresh clone's first command may be this one: set up the tables as the other commands do.
    if (config.migrateOnStart) await migrate(db);
    return await runUsersCommand(process.argv.slice(2), new IdentityService({ db }), {
      out: (line) => console.log(line),
      err: (line) => console.error(line),
    });
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => exitOnStartupError(error, settingsFromEnv(process.env)),
);

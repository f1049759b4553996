import { ConfigError } from '../config/config-error';
import { loadConfig } from '../config/load-config';
import { createDb } from '../db/client';
import { IdentityService } from '../services/identity.service';
import { runUsersCommand } from './users-command';

// npm run users -- create|token|revoke|list … against DATABASE_URL or the embedded database.
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const db = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, connectTimeoutMs: config.dbConnectTimeoutMs });
  try {
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
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);

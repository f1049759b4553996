import { loadConfig } from '../src/config/load-config';
import { createDb } from '../src/db/client';
import { IdentityService } from '../src/services/identity.service';

/**
 * Creates `count` users with write tokens directly in DATABASE_URL (there is no API to create
 * users). Null without DATABASE_URL: the runner's embedded database belongs to the server process.
 */
export async function createBenchTokens(count: number): Promise<string[] | null> {
  const config = loadConfig(process.env);
  if (!config.databaseUrl) return null;
  const db = await createDb({ databaseUrl: config.databaseUrl, dataDir: '', poolSize: 2 });
  try {
    const identity = new IdentityService({ db });
    const run = `${Date.now().toString(36)}${process.pid}`;
    const tokens: string[] = [];
    for (let i = 0; i < count; i += 1) tokens.push((await identity.createUser(`bench-${run}-${i}`)).token.token);
    return tokens;
  } finally {
    await db.close();
  }
}

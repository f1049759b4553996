import { loadConfig } from '../config/load-config';
import { createDb } from '../db/client';
import { migrate } from '../db/migrate';
import { seedDemoIfEmpty } from '../import/demo-data';
import { importSyntheticDemo, SYNTHETIC_TITLE_PREFIX } from '../import/demo-synthetic';
import { exitOnStartupError, settingsFromEnv } from '../startup-errors';

// npm run demo:synthetic [-- --days 30]: adds synthetic days of 20–60 papers beside the 53 real
// demo papers, so the day feed, trending and ranking show what they do. Stop the server first on
// the embedded database (one process per data directory).
async function main(argv: string[]): Promise<void> {
  const index = argv.indexOf('--days');
  const days = index >= 0 ? Number(argv[index + 1]) : 30;
  if (!Number.isSafeInteger(days) || days < 1 || days > 365) throw new Error(`--days must be 1–365, got "${argv[index + 1]}"`);
  const config = loadConfig(process.env);
  const db = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, connectTimeoutMs: config.dbConnectTimeoutMs });
  try {
    await migrate(db);
    await seedDemoIfEmpty(db);
    const summary = await importSyntheticDemo(db, { days });
    console.log(
      `Synthetic days: ${days} days up to 2025-12-10, ${summary.created} papers added (${summary.unchanged} already there), ` +
        `each titled "${SYNTHETIC_TITLE_PREFIX}…". The 53 real demo papers are unchanged. Start the server: npm start`,
    );
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => exitOnStartupError(error, settingsFromEnv(process.env)));

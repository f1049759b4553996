import { loadConfig } from '../config/load-config';
import { createDb } from '../db/client';
import { dbOptionsFrom } from '../db/db-options';
import { migrate } from '../db/migrate';
import { exitOnStartupError, settingsFromEnv } from '../startup-errors';
import { createMailTransport } from '../digest/deliver';
import { DIGEST_USAGE, DigestUsageError, parseDigestArgs } from '../digest/digest-args';
import { formatSummary, runDigest } from '../digest/run-digest';

// npm run digest -- --frequency daily|weekly [--date YYYY-MM-DD] [--dry-run]
async function main(argv: readonly string[]): Promise<number> {
  const args = parseDigestArgs(argv);
  if (args === 'help') {
    console.log(DIGEST_USAGE);
    return 0;
  }
  const config = loadConfig(process.env);
  const db = await createDb(dbOptionsFrom(config, { poolSize: 2 }));
  const transport = createMailTransport(config.digest);
  const tty = process.stderr.isTTY === true;
  try {
    if (config.migrateOnStart) await migrate(db);
    if (!args.dryRun) console.error(`Delivering through ${transport.description}`);
    const summary = await runDigest(
      {
        db,
        transport,
        publicBaseUrl: config.digest.publicBaseUrl,
        topN: config.digest.topN,
        onProgress: tty ? (done, total) => process.stderr.write(`\r${done}/${total} subscribers`) : undefined,
      },
      args,
    );
    if (tty && summary.recipients > 0) process.stderr.write('\r\x1b[K');
    for (const failure of summary.failures) console.error(`failed: ${failure.email}: ${failure.error}`);
    console.log(formatSummary(summary));
    return summary.failed > 0 ? 1 : 0;
  } finally {
    transport.close();
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof DigestUsageError) {
      console.error(`${error.message}\n\n${DIGEST_USAGE}`);
      process.exit(2);
    }
    exitOnStartupError(error, settingsFromEnv(process.env));
  },
);

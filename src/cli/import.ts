import { loadConfig } from '../config/load-config';
import { createDb } from '../db/client';
import { dbOptionsFrom } from '../db/db-options';
import { migrate } from '../db/migrate';
import { exitOnStartupError, settingsFromEnv } from '../startup-errors';
import { IMPORT_USAGE, parseImportArgs, UsageError } from '../import/import-args';
import { formatSummary } from '../import/import-report';
import { listFeedSources } from '../import/feed-sources';
import type { ImportSummary } from '../import/import-papers';
import { createProgress } from '../import/progress';
import { FeedError, RecordError } from '../import/record-error';
import { runImport, validateSources } from '../import/run-import';

// npm run import -- <file | directory | -> [--day YYYY-MM-DD] [--strict] [--dry-run] [--batch-size N] [--concurrency N]
// Exit status: 0 done (skipped records are listed, not fatal), 1 failed, 2 bad usage,
// 130 interrupted (finished batches are kept; run again to complete).
async function main(argv: readonly string[]): Promise<number> {
  const args = parseImportArgs(argv);
  if (args === 'help') {
    console.log(IMPORT_USAGE);
    return 0;
  }
  const sources = await listFeedSources(args.target);
  const started = Date.now();
  const progress = createProgress({ stream: process.stderr, totalBytes: sources.every((s) => s.size !== null) ? sources.reduce((sum, s) => sum + (s.size ?? 0), 0) : null });
  let last: Readonly<ImportSummary> | null = null;
  const aborter = new AbortController();
  const onSignal = () => {
    if (aborter.signal.aborted) process.exit(130);
    process.stderr.write('\nStopping after the batch in flight (press Ctrl-C again to stop at once)…\n');
    aborter.abort();
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  const options = {
    defaultDay: args.defaultDay, strict: args.strict, batchSize: args.batchSize, concurrency: args.concurrency, signal: aborter.signal,
    onBytes: (bytes: number) => progress.addBytes(bytes),
    onSource: (source: { name: string }) => progress.source(source.name),
    onProgress: (summary: Readonly<ImportSummary>) => {
      last = summary;
      progress.update(summary);
    },
  };
  const report = (summary: Readonly<ImportSummary>) =>
    formatSummary(summary, Date.now() - started, { peakRssBytes: process.resourceUsage().maxRSS * 1024, dryRun: args.dryRun });

  if (args.dryRun) {
    const summary = await validateSources(sources, options).finally(() => progress.stop());
    console.log(report(summary));
    return summary.interrupted ? 130 : 0;
  }
  const config = loadConfig(process.env);
  const db = await createDb(dbOptionsFrom(config, { poolSize: Math.max(2, args.concurrency ?? 2) }));
  try {
    if (config.migrateOnStart) await migrate(db);
    const summary = await runImport(db, sources, options);
    progress.stop();
    console.log(report(summary));
    return summary.interrupted ? 130 : 0;
  } catch (error) {
    progress.stop();
    if (last && !args.strict) console.error(report(last));
    throw error;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${IMPORT_USAGE}`);
      process.exit(2);
    }
    if (error instanceof RecordError) console.error(`--strict: ${error.message}; nothing was written.`);
    else if (error instanceof FeedError) console.error(error.message);
    else exitOnStartupError(error, settingsFromEnv(process.env));
    process.exit(1);
  },
);

import { IMPORT_USAGE, parseImportArgs, UsageError } from '../../import/import-args';
import { formatSummary } from '../../import/import-report';
import { listFeedSources } from '../../import/feed-sources';
import type { ImportSummary } from '../../import/import-papers';
import { createProgress } from '../../import/progress';
import { FeedError, RecordError } from '../../import/record-error';
import { runImport, validateSources } from '../../import/run-import';
import type { AdminCommand } from '../admin-command';

// npm run import -- <file | directory | -> [--day YYYY-MM-DD] [--strict] [--dry-run] [--batch-size N] [--concurrency N]
// Exit status: 0 done (skipped records are listed, not fatal), 1 failed, 2 bad usage,
// 130 interrupted (finished batches are kept; run again to complete).
export const importCommand: AdminCommand = {
  async run(argv, deps, io) {
    let args;
    try {
      args = parseImportArgs(argv);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.err(`${error.message}\n\n${IMPORT_USAGE}`);
      return 2;
    }
    if (args === 'help') {
      io.out(IMPORT_USAGE);
      return 0;
    }
    if (deps.inServer && args.target === '-') {
      io.err("The running server cannot read this terminal's standard input: pass a file or a directory, or stop the server first.");
      return 2;
    }
    let sources;
    try {
      sources = await listFeedSources(args.target);
    } catch (error) {
      if (!(error instanceof FeedError)) throw error;
      io.err(error.message);
      return 1;
    }
    const started = Date.now();
    const progress = createProgress({
      stream: io.progress,
      totalBytes: sources.every((s) => s.size !== null) ? sources.reduce((sum, s) => sum + (s.size ?? 0), 0) : null,
    });
    let last: Readonly<ImportSummary> | null = null;
    const options = {
      defaultDay: args.defaultDay,
      strict: args.strict,
      batchSize: args.batchSize,
      concurrency: args.concurrency,
      signal: io.signal,
      onBytes: (bytes: number) => progress.addBytes(bytes),
      onSource: (source: { name: string }) => progress.source(source.name),
      onProgress: (summary: Readonly<ImportSummary>) => {
        last = summary;
        progress.update(summary);
      },
    };
    const report = (summary: Readonly<ImportSummary>) =>
      formatSummary(summary, Date.now() - started, {
        // In the server the process's peak memory is the server's, not the import's.
        peakRssBytes: deps.inServer ? undefined : process.resourceUsage().maxRSS * 1024,
        dryRun: args.dryRun,
      });
    try {
      const summary = args.dryRun
        ? await validateSources(sources, options)
        : await runImport(await deps.db({ poolSize: Math.max(2, args.concurrency ?? 2) }), sources, options);
      progress.stop();
      io.out(report(summary));
      return summary.interrupted ? 130 : 0;
    } catch (error) {
      progress.stop();
      if (error instanceof RecordError) {
        io.err(`--strict: ${error.message}; nothing was written.`);
        return 1;
      }
      if (last && !args.strict) io.err(report(last));
      if (error instanceof FeedError) {
        io.err(error.message);
        return 1;
      }
      throw error;
    }
  },
};

import { runCli } from './run-cli';

// npm run import -- <file | directory | -> [--day YYYY-MM-DD] [--strict] [--dry-run] [--batch-size N] [--concurrency N]
// Exit status: 0 done (skipped records are listed, not fatal), 1 failed, 2 bad usage,
// 130 interrupted (finished batches are kept; run again to complete).
runCli('import');

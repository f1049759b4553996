import { runCli } from './run-cli';

// npm run db:synthetic -- --papers 1000000 [--authors N] [--last-day 2026-11-27] [--replace]
// Fills DATABASE_URL (or the embedded database) with deterministic synthetic data for benchmarks
// (admin/commands/synthetic.ts).
runCli('synthetic');

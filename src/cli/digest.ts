import { runCli } from './run-cli';

// npm run digest -- --frequency daily|weekly [--date YYYY-MM-DD] [--dry-run]
runCli('digest');

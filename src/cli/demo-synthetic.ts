import { runCli } from './run-cli';

// npm run demo:synthetic [-- --days 30]: adds synthetic days of 20–60 papers beside the 53 real
// demo papers, so the day feed, trending and ranking show what they do (admin/commands/demo-synthetic.ts).
runCli('demo-synthetic');

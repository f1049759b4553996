import { seedDemoIfEmpty } from '../../import/demo-data';
import { importSyntheticDemo, SYNTHETIC_TITLE_PREFIX } from '../../import/demo-synthetic';
import type { AdminCommand } from '../admin-command';

// npm run demo:synthetic [-- --days 30]: adds synthetic days of 20–60 papers beside the 53 real
// demo papers, so the day feed, trending and ranking show what they do.
export const demoSyntheticCommand: AdminCommand = {
  async run(argv, deps, io) {
    const index = argv.indexOf('--days');
    const days = index >= 0 ? Number(argv[index + 1]) : 30;
    if (!Number.isSafeInteger(days) || days < 1 || days > 365) {
      io.err(`--days must be 1–365, got "${argv[index + 1]}"`);
      return 2;
    }
    const db = await deps.db();
    await seedDemoIfEmpty(db);
    const summary = await importSyntheticDemo(db, { days });
    io.out(
      `Synthetic days: ${days} days up to 2025-12-10, ${summary.created} papers added (${summary.unchanged} already there), ` +
        `each titled "${SYNTHETIC_TITLE_PREFIX}…". The 53 real demo papers are unchanged.` +
        (deps.inServer ? " They are in the running server's database now." : ' Start the server: npm start'),
    );
    return 0;
  },
};

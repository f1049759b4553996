import { createMailTransport } from '../../digest/deliver';
import { DIGEST_USAGE, DigestUsageError, parseDigestArgs } from '../../digest/digest-args';
import { formatSummary, runDigest } from '../../digest/run-digest';
import type { AdminCommand } from '../admin-command';

// npm run digest -- --frequency daily|weekly [--date YYYY-MM-DD] [--dry-run]
export const digestCommand: AdminCommand = {
  async run(argv, deps, io) {
    let args;
    try {
      args = parseDigestArgs(argv);
    } catch (error) {
      if (!(error instanceof DigestUsageError)) throw error;
      io.err(`${error.message}\n\n${DIGEST_USAGE}`);
      return 2;
    }
    if (args === 'help') {
      io.out(DIGEST_USAGE);
      return 0;
    }
    const db = await deps.db({ poolSize: 2 });
    const transport = createMailTransport(deps.config.digest);
    const tty = io.progress.isTTY === true;
    try {
      if (!args.dryRun) io.err(`Delivering through ${transport.description}`);
      const summary = await runDigest(
        {
          db,
          transport,
          publicBaseUrl: deps.config.digest.publicBaseUrl,
          topN: deps.config.digest.topN,
          onProgress: tty ? (done, total) => io.progress.write(`\r${done}/${total} subscribers`) : undefined,
        },
        args,
      );
      if (tty && summary.recipients > 0) io.progress.write('\r\x1b[K');
      for (const failure of summary.failures) io.err(`failed: ${failure.email}: ${failure.error}`);
      io.out(formatSummary(summary));
      return summary.failed > 0 ? 1 : 0;
    } finally {
      transport.close();
    }
  },
};

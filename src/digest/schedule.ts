import { Cron } from 'croner';
import type { Logger } from '../observability/logger';
import type { DigestFrequency } from '../services/digest-subscription.service';
import { formatSummary, type DigestRunSummary } from './run-digest';

export interface DigestSchedule {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
  /** When the next run starts (null once stopped). */
  nextRun(): Date | null;
}

/**
 * Runs the digest in-process on a cron expression (UTC). Each tick sends both frequencies for their
 * latest complete period; the ledger makes the weekly run a no-op on the other six days and makes
 * two instances with the same schedule send each message once.
 */
export function startDigestSchedule(options: {
  readonly schedule: string;
  readonly run: (frequency: DigestFrequency) => Promise<DigestRunSummary>;
  readonly log: Logger;
}): DigestSchedule {
  let running: Promise<void> | null = null;
  const tick = async () => {
    for (const frequency of ['DAILY', 'WEEKLY'] as const) {
      try {
        const summary = await options.run(frequency);
        options.log.info({ period: summary.period.key, sent: summary.sent, skipped: summary.skipped, failed: summary.failed }, formatSummary(summary));
      } catch (error) {
        options.log.error({ err: error, frequency }, 'scheduled digest run failed');
      }
    }
  };
  // protect: a slow run is never overlapped by the next tick.
  const cron = new Cron(options.schedule, { timezone: 'UTC', protect: true }, () => {
    running = tick().finally(() => {
      running = null;
    });
    return running;
  });
  options.log.info({ schedule: options.schedule, nextRun: cron.nextRun()?.toISOString() }, 'digest schedule started');
  return {
    async stop() {
      cron.stop();
      await running;
    },
    nextRun: () => cron.nextRun(),
  };
}

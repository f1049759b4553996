import type { DigestFrequency } from '../services/digest-subscription.service';
import { parseDay } from '../lib/day';

export const DIGEST_USAGE = `Usage: npm run digest -- --frequency daily|weekly [--date YYYY-MM-DD] [--dry-run]

Sends the digest of top papers to every confirmed subscriber of that frequency who has not had it
for the period yet. --date picks the period by any day in it (the ISO week for weekly); default:
yesterday (daily) or last week (weekly), UTC. --dry-run composes and counts, sends nothing.
Mail goes through SMTP_URL, or into DIGEST_OUTBOX_DIR (default ./outbox) as .eml files.
Exit status: 0 done, 1 some deliveries failed (retried by the next run) or the run failed, 2 bad usage.`;

export class DigestUsageError extends Error {}

export interface DigestArgs {
  readonly frequency: DigestFrequency;
  readonly date?: Date;
  readonly dryRun: boolean;
}

export function parseDigestArgs(argv: readonly string[]): DigestArgs | 'help' {
  let frequency: DigestFrequency | undefined;
  let date: Date | undefined;
  let dryRun = false;
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new DigestUsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--dry-run') dryRun = true;
    else if (flag === '--frequency') {
      const text = value().toUpperCase();
      if (text !== 'DAILY' && text !== 'WEEKLY') throw new DigestUsageError(`--frequency must be daily or weekly, got "${text.toLowerCase()}"`);
      frequency = text;
    } else if (flag === '--date') {
      const text = value();
      date = parseDay(text) ?? undefined;
      if (!date) throw new DigestUsageError(`--date must be a calendar date YYYY-MM-DD, got "${text}"`);
    } else throw new DigestUsageError(`unknown argument "${argv[i]}"`);
  }
  if (!frequency) throw new DigestUsageError('--frequency daily|weekly is required');
  return { frequency, date, dryRun };
}

import { parseIsoDay } from '../lib/day';

export interface ImportArgs {
  readonly target: string;
  readonly defaultDay?: string;
  readonly strict: boolean;
  readonly dryRun: boolean;
  readonly batchSize: number;
  /** Batches written at once; undefined lets the importer choose (2 on PostgreSQL, 1 on PGlite). */
  readonly concurrency?: number;
}

export class UsageError extends Error {}

export const IMPORT_USAGE = `Usage: npm run import -- <file | directory | -> [options]

Imports Hugging Face daily-papers JSON (array, JSON Lines or one paper object) and arXiv Atom
feeds into DATABASE_URL (or the embedded database in DATA_DIR). The format is detected from
the content; a directory imports every file in it, sorted by name; "-" reads stdin.

Options:
  --day YYYY-MM-DD   featured day for records that carry none (Atom entries, old dumps)
  --strict           stop at the first bad record and write nothing at all
  --dry-run          parse and validate only; report what would be skipped
  --batch-size N     records per transaction (default 1000)
  --concurrency N    batches written at once, each on its own connection (default 2;
                     always 1 on the embedded database and with --strict)
  --help             this text`;

/** Command-line arguments of the import CLI; throws UsageError with a message for the operator. */
export function parseImportArgs(argv: readonly string[]): ImportArgs | 'help' {
  let target: string | undefined;
  let defaultDay: string | undefined;
  let strict = false;
  let dryRun = false;
  let batchSize = 1000;
  let concurrency: number | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].startsWith('--') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--strict') strict = true;
    else if (flag === '--dry-run') dryRun = true;
    else if (flag === '--day') {
      const text = value();
      defaultDay = parseIsoDay(text) ?? undefined;
      if (!defaultDay) throw new UsageError(`--day must be a calendar date YYYY-MM-DD, got "${text}"`);
    } else if (flag === '--batch-size') {
      const text = value();
      batchSize = /^\d+$/.test(text) ? Number(text) : Number.NaN;
      if (!(batchSize >= 1 && batchSize <= 20_000)) throw new UsageError(`--batch-size must be an integer 1–20000, got "${text}"`);
    } else if (flag === '--concurrency') {
      const text = value();
      concurrency = /^\d+$/.test(text) ? Number(text) : Number.NaN;
      if (!(concurrency >= 1 && concurrency <= 16)) throw new UsageError(`--concurrency must be an integer 1–16, got "${text}"`);
    } else if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag}`);
    else if (target !== undefined) throw new UsageError(`one input only: got "${target}" and "${flag}" (use a directory for several files)`);
    else target = flag;
  }
  if (target === undefined) throw new UsageError('which input? give a file, a directory, or - for stdin');
  return { target, defaultDay, strict, dryRun, batchSize, concurrency };
}

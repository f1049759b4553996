import { fillSynthetic } from '../../db/queries/synthetic';
import type { AdminCommand, CommandIo } from '../admin-command';

// npm run db:synthetic -- --papers 1000000 [--authors N] [--last-day 2026-11-27] [--replace]
// Fills DATABASE_URL (or the embedded database) with deterministic synthetic papers, days,
// authors and bylines for benchmarks. Refuses a database that already holds papers unless
// --replace is given, which empties the catalogue tables first.

class SyntheticUsageError extends Error {}

function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
}

function positiveInt(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new SyntheticUsageError(`--${name} must be a positive integer, got "${text}".`);
  return value;
}

export const syntheticCommand: AdminCommand = {
  async run(argv, deps, io) {
    try {
      return await fill(argv, deps, io);
    } catch (error) {
      if (!(error instanceof SyntheticUsageError)) throw error;
      io.err(error.message);
      return 1;
    }
  },
};

async function fill(argv: readonly string[], deps: Parameters<AdminCommand['run']>[1], io: CommandIo): Promise<number> {
  const papers = positiveInt(option(argv, 'papers'), 'papers', 10_000);
  const authors = positiveInt(option(argv, 'authors'), 'authors', Math.max(50, Math.ceil(papers / 2)));
  const lastDay = option(argv, 'last-day') ?? '2026-11-27';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(lastDay)) throw new SyntheticUsageError(`--last-day must be YYYY-MM-DD, got "${lastDay}".`);
  // Bulk generation of a million rows runs statements far longer than any request may.
  const db = await deps.db({ statementTimeoutMs: 0 });
  const existing = await db.prisma.paper.count();
  if (existing > 0 && !argv.includes('--replace')) {
    throw new SyntheticUsageError(`The database already holds ${existing} papers; pass --replace to empty the catalogue first.`);
  }
  const started = Date.now();
  const timings = await db.withSession(async (session) => {
    if (existing > 0) await session.exec('/* syntheticReset */ TRUNCATE upvotes, paper_authors, papers, authors, days RESTART IDENTITY CASCADE');
    return fillSynthetic(session, { papers, authors, lastDay });
  });
  for (const { name, seconds } of timings) io.out(`${name.padEnd(18)} ${seconds.toFixed(1).padStart(7)} s`);
  const bylines = await db.prisma.paperAuthor.count();
  io.out(
    `Loaded ${papers.toLocaleString('en')} papers, ${authors.toLocaleString('en')} authors, ${bylines.toLocaleString('en')} bylines in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  return 0;
}

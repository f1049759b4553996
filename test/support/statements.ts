import type { Db } from '../../src/db/client';

export interface StatementCount {
  readonly count: number;
  /** Each statement's name comment, or its first words when it has none (Prisma's own SQL). */
  readonly names: string[];
}

/** Counts the statements actually sent to the database while fn runs. */
export async function countStatements(db: Db, fn: () => Promise<unknown>): Promise<StatementCount> {
  const names: string[] = [];
  const stop = db.onStatement(({ sql }) => {
    const named = /^\s*\/\*\s*([\w-]+)\s*\*\//.exec(sql);
    names.push(named ? named[1] : sql.trim().split(/\s+/).slice(0, 4).join(' '));
  });
  try {
    await fn();
  } finally {
    stop();
  }
  return { count: names.length, names };
}

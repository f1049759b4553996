import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../src/db/client';

export interface StatementCount {
  readonly count: number;
  /** Each statement's name comment, or its first words when it has none (Prisma's own SQL). */
  readonly names: string[];
}

const NAME_COMMENT = /^\s*\/\*\s*([\w-]+)\s*\*\//;

// The webhook worker polls its queue on its own clock (once a second in a server), so in a
// counting window around a request it may add a claim that the request did not send. Its
// statements are the named ones of the queue module, read from the source so the list cannot
// fall behind it.
const WORKER_STATEMENTS = new Set(
  [...readFileSync(join(__dirname, '../../src/db/queries/webhook-queue.ts'), 'utf8').matchAll(/`\/\*\s*([\w-]+)\s*\*\//g)].map((match) => match[1]),
);

/** Counts the statements a request sent to the database while fn runs (the webhook worker's polls left out). */
export async function countStatements(db: Db, fn: () => Promise<unknown>): Promise<StatementCount> {
  const names: string[] = [];
  const stop = db.onStatement(({ sql }) => {
    const named = NAME_COMMENT.exec(sql);
    if (named && WORKER_STATEMENTS.has(named[1])) return;
    names.push(named ? named[1] : sql.trim().split(/\s+/).slice(0, 4).join(' '));
  });
  try {
    await fn();
  } finally {
    stop();
  }
  return { count: names.length, names };
}

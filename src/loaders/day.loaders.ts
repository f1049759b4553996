import { Prisma } from '../db/generated/client';
import type { Db } from '../db/client';

/** A featured day with its neighbours among featured days ("YYYY-MM-DD" strings) and its paper count. */
export interface DayRow {
  readonly date: string;
  readonly previous: string | null;
  readonly next: string | null;
  readonly paperCount: number;
}

/**
 * Featured days by "YYYY-MM-DD", null for days without papers, in key order; one statement.
 * The count comes along (an index-only count of a few dozen rows) because a feed that asks for
 * a day nearly always shows how many papers it has: one round trip less per home page.
 */
export async function daysByDate(db: Db, dates: readonly string[]): Promise<Array<DayRow | null>> {
  const rows = await db.read<DayRow>(Prisma.sql`/* daysByDate */
    SELECT d.date::text AS date,
      (SELECT max(b.date)::text FROM days b WHERE b.date < d.date) AS previous,
      (SELECT min(a.date)::text FROM days a WHERE a.date > d.date) AS next,
      (SELECT count(*)::int FROM papers p WHERE p.day_date = d.date) AS "paperCount"
    FROM days d WHERE d.date = ANY(${[...dates]}::date[])`);
  const byDate = new Map(rows.map((row) => [row.date, row]));
  return dates.map((date) => byDate.get(date) ?? null);
}

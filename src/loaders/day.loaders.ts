import type { Db } from '../db/client';

/** A featured day with its neighbours among featured days ("YYYY-MM-DD" strings). */
export interface DayRow {
  readonly date: string;
  readonly previous: string | null;
  readonly next: string | null;
}

/** Featured days by "YYYY-MM-DD", null for days without papers, in key order; one statement. */
export async function daysByDate(db: Db, dates: readonly string[]): Promise<Array<DayRow | null>> {
  const rows = await db.prisma.$queryRaw<DayRow[]>`/* daysByDate */
    SELECT d.date::text AS date,
      (SELECT max(b.date)::text FROM days b WHERE b.date < d.date) AS previous,
      (SELECT min(a.date)::text FROM days a WHERE a.date > d.date) AS next
    FROM days d WHERE d.date = ANY(${[...dates]}::date[])`;
  const byDate = new Map(rows.map((row) => [row.date, row]));
  return dates.map((date) => byDate.get(date) ?? null);
}

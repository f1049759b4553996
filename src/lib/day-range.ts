/** An inclusive range of featured days, as UTC midnights (Prisma's @db.Date values). */
export interface DayRange {
  readonly from: Date;
  readonly to: Date;
}

/** The calendar units a range can span. */
export type CalendarUnit = 'DAY' | 'WEEK' | 'MONTH';

const DAY_MS = 86_400_000;

const utcDay = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

/** The day, ISO week (Monday–Sunday) or calendar month that contains `date`. */
export function periodRange(unit: CalendarUnit, date: Date): DayRange {
  const day = utcDay(date);
  if (unit === 'DAY') return { from: day, to: day };
  if (unit === 'WEEK') {
    const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
    return { from: monday, to: new Date(monday.getTime() + 6 * DAY_MS) };
  }
  const first = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
  return { from: first, to: new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)) };
}

/** "2025-W42" → that ISO week, Monday to Sunday; null when the text is not an ISO week (week 53 only in years that have one). */
export function isoWeekRange(text: string): DayRange | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  // ISO week 1 is the week holding 4 January.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week1Monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS);
  const monday = new Date(week1Monday.getTime() + (week - 1) * 7 * DAY_MS);
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  if (week < 1 || thursday.getUTCFullYear() !== year) return null;
  return { from: monday, to: new Date(monday.getTime() + 6 * DAY_MS) };
}

/** "2025-10" → 1–31 October 2025; null when the text is not a month. */
export function monthRange(text: string): DayRange | null {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) return null;
  return periodRange('MONTH', new Date(Date.UTC(Number(match[1]), month - 1, 1)));
}

/** The intersection of ranges (each bound optional); an empty intersection stays empty (from > to). */
export function intersect(ranges: ReadonlyArray<Partial<DayRange>>): Partial<DayRange> {
  let from: Date | undefined;
  let to: Date | undefined;
  for (const range of ranges) {
    if (range.from && (!from || range.from > from)) from = range.from;
    if (range.to && (!to || range.to < to)) to = range.to;
  }
  return { ...(from && { from }), ...(to && { to }) };
}

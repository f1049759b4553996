import { BadUserInputError } from '../../errors/errors';

/** An inclusive range of featured days, as UTC midnights (Prisma's @db.Date values). */
export interface DayRange {
  readonly from: Date;
  readonly to: Date;
}

export type Period = 'DAY' | 'WEEK' | 'MONTH';

const DAY_MS = 86_400_000;

const utcDay = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

/** The day, ISO week (Monday–Sunday) or calendar month that contains `date`. */
export function periodRange(period: Period, date: Date): DayRange {
  const day = utcDay(date);
  if (period === 'DAY') return { from: day, to: day };
  if (period === 'WEEK') {
    const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
    return { from: monday, to: new Date(monday.getTime() + 6 * DAY_MS) };
  }
  const first = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
  return { from: first, to: new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)) };
}

/** "2025-W42" → that ISO week, Monday to Sunday. Week 53 only in years that have one. */
export function parseIsoWeek(text: string, argumentName: string): DayRange {
  const match = /^(\d{4})-W(\d{2})$/.exec(text);
  const invalid = () => new BadUserInputError(argumentName, `"${argumentName}" must be an ISO week like "2025-W42", got "${text}".`);
  if (!match) throw invalid();
  const year = Number(match[1]);
  const week = Number(match[2]);
  // ISO week 1 is the week holding 4 January.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week1Monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS);
  const monday = new Date(week1Monday.getTime() + (week - 1) * 7 * DAY_MS);
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  if (week < 1 || thursday.getUTCFullYear() !== year) throw invalid();
  return { from: monday, to: new Date(monday.getTime() + 6 * DAY_MS) };
}

/** "2025-10" → 1–31 October 2025. */
export function parseMonth(text: string, argumentName: string): DayRange {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) {
    throw new BadUserInputError(argumentName, `"${argumentName}" must be a month like "2025-10", got "${text}".`);
  }
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

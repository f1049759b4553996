// A featured day is a calendar day in UTC. It has two forms, and the helpers below are the only
// crossings between them:
// - a `Date` at UTC midnight: what Prisma's @db.Date columns, the GraphQL `Date` scalar and day
//   ranges (lib/day-range.ts) use, so services and resolvers hold days as Dates;
// - an `IsoDay` ("YYYY-MM-DD"): what loader keys, cursors, SQL `::date` parameters, URLs, global
//   ids and pub/sub payloads carry, where a value must compare and serialise as text.

/** "YYYY-MM-DD", a calendar day in UTC. */
export type IsoDay = string;

const DAY_MS = 86_400_000;
const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC calendar day of an instant, as "YYYY-MM-DD". */
export function isoDay(date: Date): IsoDay {
  return date.toISOString().slice(0, 10);
}

/** The day as a Date at UTC midnight. */
export function dayDate(day: IsoDay): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** The UTC midnight that starts the instant's day. */
export function utcMidnight(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** The day `days` after (or before, when negative) the given one. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** "YYYY-MM-DD" naming a real calendar day (no 2025-02-30), else null. */
export function parseIsoDay(text: string): IsoDay | null {
  if (!SHAPE.test(text)) return null;
  const date = dayDate(text);
  return !Number.isNaN(date.getTime()) && isoDay(date) === text ? text : null;
}

/** parseIsoDay as a Date at UTC midnight, else null. */
export function parseDay(text: string): Date | null {
  const day = parseIsoDay(text);
  return day === null ? null : dayDate(day);
}

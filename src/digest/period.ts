import type { DigestFrequency } from '../services/digest-subscription.service';
import { isoDay, utcMidnight } from '../lib/day';

/** The stretch of featured days one digest covers; `key` names it in the delivery ledger. */
export interface DigestPeriod {
  readonly frequency: DigestFrequency;
  /** "daily:2025-12-11" or "weekly:2025-W50" (ISO 8601 week). */
  readonly key: string;
  /** First and last featured day, inclusive, as UTC midnights. */
  readonly from: Date;
  readonly to: Date;
  /** For subjects: "Thursday 11 December 2025" or "week 50 of 2025 (8–14 December)". */
  readonly label: string;
}

const DAY_MS = 86_400_000;

/** The period containing `date` (a UTC calendar day). */
export function periodOf(frequency: DigestFrequency, date: Date): DigestPeriod {
  const day = utcMidnight(date);
  if (frequency === 'DAILY') {
    const iso = isoDay(day);
    return { frequency, key: `daily:${iso}`, from: day, to: day, label: format(day, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }) };
  }
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
  const sunday = new Date(monday.getTime() + 6 * DAY_MS);
  const { year, week } = isoWeek(day);
  const label = `week ${week} of ${year} (${format(monday, { day: 'numeric', month: 'long' })} – ${format(sunday, { day: 'numeric', month: 'long' })})`;
  return { frequency, key: `weekly:${year}-W${String(week).padStart(2, '0')}`, from: monday, to: sunday, label };
}

/** The latest period that has ended by `now`: yesterday, or last ISO week. */
export function latestCompletePeriod(frequency: DigestFrequency, now: Date): DigestPeriod {
  return periodOf(frequency, new Date(utcMidnight(now).getTime() - (frequency === 'DAILY' ? 1 : 7) * DAY_MS));
}

// ISO 8601: weeks start on Monday and week 1 holds the year's first Thursday.
function isoWeek(day: Date): { year: number; week: number } {
  const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return { year, week };
}

function format(date: Date, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(date);
}

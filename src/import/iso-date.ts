// Feeds carry ISO 8601 dates ("2024-07-25", "2024-07-25T13:01:02.123Z", "2024-07-25T09:00:00-04:00").
// new Date() alone accepts "2024-02-30" (as March 1) and many non-ISO shapes, so a wrong date in a
// feed would be stored silently; this parser checks the calendar fields round-trip.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** The instant an ISO 8601 date or date-time names (UTC when it has no offset), or null. */
export function parseIsoDate(text: string): Date | null {
  const match = ISO.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
  if (
    calendar.getUTCFullYear() !== Number(year) ||
    calendar.getUTCMonth() !== Number(month) - 1 ||
    calendar.getUTCDate() !== Number(day) ||
    calendar.getUTCHours() !== Number(hour) ||
    calendar.getUTCMinutes() !== Number(minute) ||
    calendar.getUTCSeconds() !== Number(second)
  ) {
    return null;
  }
  const offsetMinutes = zone.toUpperCase() === 'Z' ? 0 : offsetOf(zone);
  const millis = fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0;
  return new Date(calendar.getTime() + millis - offsetMinutes * 60_000);
}

function offsetOf(zone: string): number {
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

import { addDays, dayDate, isoDay, parseDay, parseIsoDay, utcMidnight } from '../../../src/lib/day';

describe('days', () => {
  it('cross between the Date and the "YYYY-MM-DD" form without drifting a day', () => {
    expect(isoDay(new Date('2025-12-11T23:59:59.999Z'))).toBe('2025-12-11');
    expect(dayDate('2025-12-11').toISOString()).toBe('2025-12-11T00:00:00.000Z');
    expect(utcMidnight(new Date('2025-12-11T13:01:02Z')).toISOString()).toBe('2025-12-11T00:00:00.000Z');
    expect(isoDay(addDays(dayDate('2024-02-28'), 1))).toBe('2024-02-29');
  });

  it.each(['2025-02-30', '2025-2-3', '2025-12-11T00:00:00Z', '', 'yesterday'])('refuse %p as a day', (text) => {
    expect(parseIsoDay(text)).toBeNull();
    expect(parseDay(text)).toBeNull();
  });
});

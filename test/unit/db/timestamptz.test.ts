import { types } from 'pg';
import { parseTimestamptz } from '../../../src/db/prepared-reads';

const pgDefault = types.getTypeParser(types.builtins.TIMESTAMPTZ) as (text: string) => Date;

describe('parseTimestamptz', () => {
  it.each([
    '2026-11-30 01:41:12.123+00',
    '2026-11-30 01:41:12+00',
    '2026-11-30 01:41:12.1+00',
    '2026-11-30 01:41:12.12+05:30',
    '2026-11-30 01:41:12.123456-03',
    '1999-12-31 23:59:59.999-11',
    '0044-03-15 12:00:00+00:53:28',
    '0044-03-15 12:00:00+00 BC',
  ])('reads %s as pg does', (text) => {
    expect(parseTimestamptz(text).getTime()).toBe(pgDefault(text).getTime());
  });

  it("leaves infinity to pg's parser", () => {
    expect(parseTimestamptz('infinity')).toEqual(pgDefault('infinity'));
  });
});

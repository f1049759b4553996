import { booleanArray, numberArray, textArray } from '../../src/db/queries/pg-array';
import { ENGINES } from '../support/services';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The importer's rows travel as array literals: whatever a feed's text holds must come back
// from the database exactly as it was sent, on both engines.

const awkward = [
  'plain',
  '',
  'NULL',
  'null',
  'with "quotes" and \\backslashes\\ and \\"both\\"',
  '{braces}, commas, and spaces  ',
  '  leading and trailing  ',
  'line\nbreak\ttab',
  'Zoë Łukasz Ångström 張偉 🤖',
  '\\',
  '"',
  ',',
  '{}',
];

describe.each(ENGINES)('array literals on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { migrate: false });
  });
  afterAll(() => database.close());

  const roundTrip = <T>(literal: string, type: string) =>
    database.db.transaction(async (tx) => (await tx.query<{ value: T }>(`SELECT $1::${type} AS value`, [literal]))[0].value);

  it('brings back every text as sent, quotes, backslashes, braces, unicode and the word NULL included', async () => {
    expect(await roundTrip<string[]>(textArray(awkward), 'text[]')).toEqual(awkward);
  });

  it('keeps null elements null, apart from the text "NULL"', async () => {
    expect(await roundTrip<Array<string | null>>(textArray([null, 'NULL', null]), 'text[]')).toEqual([null, 'NULL', null]);
  });

  it('sends empty arrays as empty arrays', async () => {
    expect(await roundTrip<string[]>(textArray([]), 'text[]')).toEqual([]);
    expect(await roundTrip<number[]>(numberArray([]), 'int[]')).toEqual([]);
  });

  it("nests: a text[] of array literals unpacks into each row's own array", async () => {
    const perRow = [['a', 'b "c"'], [], ['\\d']];
    const rows = await database.db.transaction((tx) =>
      tx.query<{ value: string[] }>('SELECT v::text[] AS value FROM unnest($1::text[]) WITH ORDINALITY AS u(v, n) ORDER BY n', [
        textArray(perRow.map(textArray)),
      ]),
    );
    expect(rows.map((row) => row.value)).toEqual(perRow);
  });

  it('carries numbers, nulls and booleans', async () => {
    expect(await roundTrip<Array<number | null>>(numberArray([0, -3, 2147483647, null]), 'int[]')).toEqual([0, -3, 2147483647, null]);
    expect(await roundTrip<boolean[]>(booleanArray([true, false, true]), 'boolean[]')).toEqual([true, false, true]);
  });
});

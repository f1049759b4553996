// Bulk statements take their rows as PostgreSQL array literals ("{…}") in text parameters, cast
// in SQL ($1::int[]) and unpacked by unnest. Building the literal here is one regex per value;
// pg's own array encoding runs two per value plus a type dispatch, and a JSON row set costs the
// database twice as much to unpack (json_to_recordset) as arrays do.

const quoted = (value: string) => `"${value.replace(/[\\"]/g, '\\$&')}"`;

/** A text[] literal; null elements stay null. */
export function textArray(values: readonly (string | null)[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : quoted(value))).join(',')}}`;
}

/** An int[] (or bigint[]) literal; null elements stay null. */
export function numberArray(values: readonly (number | null)[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : String(value))).join(',')}}`;
}

/** A boolean[] literal. */
export function booleanArray(values: readonly boolean[]): string {
  return `{${values.map((value) => (value ? 't' : 'f')).join(',')}}`;
}

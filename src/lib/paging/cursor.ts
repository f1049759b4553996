import { BadUserInputError } from '../../errors/errors';

// Opaque keyset cursors: base64url(JSON [kind, ...sort key values]). The kind tag stops a
// cursor from one ordering being replayed against another, which would silently skip rows.

export type CursorValue = string | number | null;

export function encodeCursor(kind: string, values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify([kind, ...values]), 'utf8').toString('base64url');
}

/** Decodes a cursor of the expected kind and arity; anything else is BAD_USER_INPUT naming the argument. */
export function decodeCursor(cursor: string, kind: string, arity: number, argumentName: string): CursorValue[] {
  const invalid = () => new BadUserInputError(argumentName, `Argument "${argumentName}" is not a valid cursor for this connection.`);
  if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed[0] !== kind || parsed.length !== arity + 1) throw invalid();
  const values = parsed.slice(1);
  if (!values.every((value) => value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))) {
    throw invalid();
  }
  return values as CursorValue[];
}

import { BadUserInputError } from '../../errors/errors';
import { decodeCursor, encodeCursor, type CursorValue } from './cursor';
import type { PageRequest } from './page';

/** One column of a keyset ordering; the last key of every ordering must be unique (the tie-breaker). */
export interface SortKey<Row> {
  /** The field as the database side names it (a Prisma field; db/queries maps it to a SQL column). */
  readonly field: string;
  readonly direction: 'asc' | 'desc';
  /** Nullable keys sort their nulls last in the key's own direction (first when paging backwards). */
  readonly nulls?: 'first' | 'last';
  /** The row's value as it goes into a cursor (JSON-safe). */
  readonly read: (row: Row) => CursorValue;
  /** The cursor value as the database compares it (Dates back from ISO strings); undefined when it is not one. */
  readonly parse: (value: CursorValue) => unknown;
}

export interface KeysetOrdering<Row> {
  /** Tags cursors so that one ordering's cursor is refused by another. */
  readonly kind: string;
  readonly keys: ReadonlyArray<SortKey<Row>>;
}

// Cursor value parsers for sort keys. A cursor is opaque but not trusted: a value of the wrong
// type is refused like any malformed cursor instead of reaching the database.
export const cursorDate = (value: CursorValue): Date | undefined => {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
};
export const cursorNumber = (value: CursorValue): number | undefined => (typeof value === 'number' ? value : undefined);
export const cursorInteger = (value: CursorValue): number | undefined => (Number.isSafeInteger(value) ? (value as number) : undefined);
export const cursorString = (value: CursorValue): string | undefined => (typeof value === 'string' ? value : undefined);
/** For nullable keys: null stays null, anything else goes through the key's parser. */
export const orNull =
  <T>(parse: (value: CursorValue) => T | undefined) =>
  (value: CursorValue): T | null | undefined =>
    value === null ? null : parse(value);

/** The cursor of a row in an ordering: the row's sort key values, tagged with the ordering's kind. */
export function cursorOf<Row>(ordering: KeysetOrdering<Row>, row: Row): string {
  return encodeCursor(
    ordering.kind,
    ordering.keys.map((key) => key.read(row)),
  );
}

/** A cursor's sort key values as the database compares them; BAD_USER_INPUT naming the argument otherwise. */
export function decodeKeysetCursor<Row>(ordering: KeysetOrdering<Row>, cursor: string, argumentName: string): unknown[] {
  const values = decodeCursor(cursor, ordering.kind, ordering.keys.length, argumentName).map((value, i) => ordering.keys[i].parse(value));
  if (values.includes(undefined)) {
    throw new BadUserInputError(argumentName, `Argument "${argumentName}" is not a valid cursor for this connection.`);
  }
  return values;
}

/**
 * A validated keyset read, what the database side executes: the keys in reading order (flipped
 * for a backward page, so both directions share one index scan shape), the values to read
 * strictly after, and how many rows to read (one more than the page, to learn whether another
 * page exists; none for an empty page).
 */
export interface KeysetSeek<Row> {
  readonly keys: ReadonlyArray<SortKey<Row>>;
  readonly after: readonly unknown[] | null;
  readonly take: number;
}

function flip<Row>(key: SortKey<Row>): SortKey<Row> {
  return {
    ...key,
    direction: key.direction === 'asc' ? 'desc' : 'asc',
    ...(key.nulls && { nulls: key.nulls === 'last' ? 'first' : 'last' }),
  };
}

/** The read a page request asks of an ordering; a malformed cursor is BAD_USER_INPUT naming after/before. */
export function seekOf<Row>(ordering: KeysetOrdering<Row>, request: PageRequest): KeysetSeek<Row> {
  const forward = request.direction === 'forward';
  const cursor = forward ? request.after : request.before;
  return {
    keys: forward ? ordering.keys : ordering.keys.map(flip),
    after: cursor === undefined ? null : decodeKeysetCursor(ordering, cursor, forward ? 'after' : 'before'),
    take: request.limit === 0 ? 0 : request.limit + 1,
  };
}

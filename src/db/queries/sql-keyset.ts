import { Prisma } from '../generated/client';
import type { SortKey } from './keyset';

// The SQL twin of keyset.ts for raw statements (window-function loaders, search): the same
// SortKeys, hence the same cursors, expressed over SQL columns.

function columnOf(key: SortKey<never>, columns: Readonly<Record<string, string>>): Prisma.Sql {
  const column = columns[key.field];
  if (!column) throw new Error(`no SQL column for sort field ${key.field}`);
  return Prisma.raw(column);
}

/** ORDER BY items for the keys, with their nulls placement. */
export function sqlOrderBy(keys: ReadonlyArray<SortKey<never>>, columns: Readonly<Record<string, string>>): Prisma.Sql {
  return Prisma.join(
    keys.map((key) => {
      const nulls = key.nulls ? (key.nulls === 'last' ? ' NULLS LAST' : ' NULLS FIRST') : '';
      return Prisma.sql`${columnOf(key, columns)} ${Prisma.raw(key.direction.toUpperCase() + nulls)}`;
    }),
    ', ',
  );
}

function beyond(key: SortKey<never>, column: Prisma.Sql, value: unknown): Prisma.Sql | null {
  if (value === null) return key.nulls === 'first' ? Prisma.sql`${column} IS NOT NULL` : null;
  const strictly = key.direction === 'asc' ? Prisma.sql`${column} > ${value}` : Prisma.sql`${column} < ${value}`;
  return key.nulls === 'last' ? Prisma.sql`(${strictly} OR ${column} IS NULL)` : strictly;
}

/** "Strictly after these values" in the keys' order, as keysetAfter() does for Prisma. */
export function sqlKeysetAfter(
  keys: ReadonlyArray<SortKey<never>>,
  values: readonly unknown[],
  columns: Readonly<Record<string, string>>,
): Prisma.Sql {
  const branches = keys.flatMap((key, index) => {
    const condition = beyond(key, columnOf(key, columns), values[index]);
    if (!condition) return [];
    const equalities = keys
      .slice(0, index)
      .map((prior, i) => (values[i] === null ? Prisma.sql`${columnOf(prior, columns)} IS NULL` : Prisma.sql`${columnOf(prior, columns)} = ${values[i]}`));
    return [Prisma.join([...equalities, condition], ' AND ')];
  });
  return branches.length ? Prisma.sql`(${Prisma.join(branches.map((b) => Prisma.sql`(${b})`), ' OR ')})` : Prisma.sql`FALSE`;
}

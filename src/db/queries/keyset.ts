import { Prisma } from '../generated/client';
import { buildPage } from '../../lib/paging/build-page';
import { cursorOf, seekOf, type KeysetOrdering, type KeysetSeek, type SortKey } from '../../lib/paging/keyset';
import type { Page, PageRequest } from '../../lib/paging/page';

// The database side of keyset paging (lib/paging/ is the concept): a KeysetSeek as a Prisma
// query and as SQL for raw statements (window-function loaders, search). Both read the same
// SortKeys, hence the same cursors.

type Where = Record<string, unknown>;

/** Rows strictly beyond value in the key's order; null values sit at the key's nulls end. */
function beyond<Row>(key: SortKey<Row>, value: unknown): Where | null {
  if (value === null) return key.nulls === 'first' ? { [key.field]: { not: null } } : null;
  const strictly = { [key.field]: { [key.direction === 'asc' ? 'gt' : 'lt']: value } };
  return key.nulls === 'last' ? { OR: [strictly, { [key.field]: null }] } : strictly;
}

/**
 * The Prisma condition for "strictly after these key values" in the given ordering:
 * (k1 beyond v1) OR (k1 = v1 AND k2 beyond v2) OR … each following its key's direction and nulls.
 */
export function keysetAfter<Row>(keys: ReadonlyArray<SortKey<Row>>, values: readonly unknown[]): Where {
  const branches = keys.flatMap((key, index) => {
    const condition = beyond(key, values[index]);
    if (!condition) return [];
    const equalities = keys.slice(0, index).map((prior, i) => ({ [prior.field]: values[i] }));
    return [{ AND: [...equalities, condition] }];
  });
  return { OR: branches };
}

export interface FindPage<Row> {
  (query: { where: Where; orderBy: Where[]; take: number }): Promise<Row[]>;
}

/** One page of a Prisma model by keyset, built by lib/paging's page builder. */
export async function keysetPage<Row, Node = Row>(options: {
  readonly ordering: KeysetOrdering<Row>;
  readonly request: PageRequest;
  readonly where: Where;
  readonly find: FindPage<Row>;
  readonly count: () => Promise<number>;
  readonly nodeOf?: (row: Row) => Node;
}): Promise<Page<Node>> {
  const { ordering, request } = options;
  const seek = seekOf(ordering, request);
  const rows =
    seek.take === 0
      ? []
      : await options.find({
          where: { AND: [options.where, ...(seek.after ? [keysetAfter(seek.keys, seek.after)] : [])] },
          orderBy: seek.keys.map((key) => ({ [key.field]: key.nulls ? { sort: key.direction, nulls: key.nulls } : key.direction })),
          take: seek.take,
        });
  return buildPage({ rows, request, cursorOf: (row) => cursorOf(ordering, row), count: options.count, nodeOf: options.nodeOf });
}

// ---- the same seek in SQL ----

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

function sqlBeyond(key: SortKey<never>, column: Prisma.Sql, value: unknown): Prisma.Sql | null {
  if (value === null) return key.nulls === 'first' ? Prisma.sql`${column} IS NOT NULL` : null;
  const strictly = key.direction === 'asc' ? Prisma.sql`${column} > ${value}` : Prisma.sql`${column} < ${value}`;
  return key.nulls === 'last' ? Prisma.sql`(${strictly} OR ${column} IS NULL)` : strictly;
}

/** "Strictly after the seek's values" in its keys' order, as keysetAfter() does for Prisma; TRUE without a cursor. */
export function sqlKeysetAfter(seek: KeysetSeek<never>, columns: Readonly<Record<string, string>>): Prisma.Sql {
  const { keys, after: values } = seek;
  if (!values) return Prisma.sql`TRUE`;
  const branches = keys.flatMap((key, index) => {
    const condition = sqlBeyond(key, columnOf(key, columns), values[index]);
    if (!condition) return [];
    const equalities = keys
      .slice(0, index)
      .map((prior, i) => (values[i] === null ? Prisma.sql`${columnOf(prior, columns)} IS NULL` : Prisma.sql`${columnOf(prior, columns)} = ${values[i]}`));
    return [Prisma.join([...equalities, condition], ' AND ')];
  });
  return branches.length
    ? Prisma.sql`(${Prisma.join(
        branches.map((b) => Prisma.sql`(${b})`),
        ' OR ',
      )})`
    : Prisma.sql`FALSE`;
}

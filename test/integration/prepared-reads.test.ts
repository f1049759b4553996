import { Prisma } from '../../src/db/generated/client';
import { describeWithPostgres } from '../support/services';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// db.read sends the hot reads through pg as named prepared statements instead of Prisma's
// $queryRaw. Services and loaders were written against $queryRaw's rows, so both must agree.
describeWithPostgres('prepared reads on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await database?.close();
  });

  const sample = () => Prisma.sql`/* preparedReadShape */
    SELECT ${'2407.18232'}::text AS id, DATE '2024-07-25' AS "dayDate", TIMESTAMPTZ '2024-07-25 10:11:12.345+02' AS "publishedAt",
      TIMESTAMPTZ '2024-07-25 00:00:00+00' AS "createdAt", NULL::timestamptz AS "withdrawnAt", 12::int AS count,
      9007199254740993::int8 AS big, ARRAY['a', 'b']::text[] AS keywords, '{}'::text[] AS none, 0.5::float8 AS rank,
      ${[1, 2, 3]}::int[] AS ids, ${new Date('2024-07-25T00:00:00Z')}::date AS "fromDate"`;

  it("returns the rows Prisma's $queryRaw returns: dates at UTC midnight, bigints, arrays, nulls", async () => {
    const viaPrisma = await database.db.prisma.$queryRaw<unknown[]>(sample());
    const viaPg = await database.db.read(sample());
    expect(viaPg).toEqual(viaPrisma);
    expect(viaPg[0]).toMatchObject({
      dayDate: new Date('2024-07-25T00:00:00.000Z'),
      publishedAt: new Date('2024-07-25T08:11:12.345Z'),
      big: 9007199254740993n,
    });
  });

  it('runs the same statement again on every connection of the pool, and reports each run by name', async () => {
    const names: string[] = [];
    const stop = database.db.onStatement(({ sql }) => names.push(/\/\* (\w+) \*\//.exec(sql)?.[1] ?? sql));
    try {
      const runs = await Promise.all(Array.from({ length: 25 }, () => database.db.read<{ count: number }>(sample())));
      expect(runs.map((rows) => rows[0].count)).toEqual(Array(25).fill(12));
    } finally {
      stop();
    }
    expect(names).toEqual(Array(25).fill('preparedReadShape'));
  });

  it('plans each named statement once per connection (its generic plan), never with JIT compilation', async () => {
    const settings = await Promise.all(
      Array.from({ length: 12 }, () =>
        database.db.read<{ mode: string; jit: string }>(
          Prisma.sql`/* planSettings */ SELECT current_setting('plan_cache_mode') AS mode, current_setting('jit') AS jit`,
        ),
      ),
    );
    expect(new Set(settings.map((rows) => JSON.stringify(rows[0])))).toEqual(new Set([JSON.stringify({ mode: 'force_generic_plan', jit: 'off' })]));
  });

  it('keeps two statements with the same name comment but different text apart', async () => {
    const a = await database.db.read<{ v: number }>(Prisma.sql`/* sameName */ SELECT 1 AS v`);
    const b = await database.db.read<{ v: number }>(Prisma.sql`/* sameName */ SELECT 2 AS v`);
    expect([a[0].v, b[0].v]).toEqual([1, 2]);
  });
});

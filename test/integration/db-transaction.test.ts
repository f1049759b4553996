import { ENGINES } from '../support/services';
import { countStatements } from '../support/statements';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// db.transaction: the bulk path beside Prisma. What it writes is all or nothing, and its
// statements are counted like Prisma's (the statement-count tests and /metrics rely on that).

describe.each(ENGINES)('db.transaction on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database.close());

  const dayCount = async (date: string) => database.db.prisma.day.count({ where: { date: new Date(`${date}T00:00:00Z`) } });

  it('commits what fn wrote when fn resolves, and returns its result', async () => {
    const result = await database.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO days (date) VALUES ('2031-01-01')`);
      return (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM days WHERE date = '2031-01-01'`))[0].n;
    });
    expect(result).toBe(1);
    expect(await dayCount('2031-01-01')).toBe(1);
  });

  it('rolls back everything fn wrote when fn throws, and rethrows its error', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO days (date) VALUES ('2031-02-01')`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await dayCount('2031-02-01')).toBe(0);
  });

  it('rolls back when a statement fails, and the next transaction works', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO days (date) VALUES ('2031-03-01')`);
        await tx.query(`INSERT INTO days (date) VALUES ('2031-03-01')`);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await dayCount('2031-03-01')).toBe(0);
    await database.db.transaction((tx) => tx.query(`INSERT INTO days (date) VALUES ('2031-03-01')`));
    expect(await dayCount('2031-03-01')).toBe(1);
  });

  it('reports its statements to onStatement', async () => {
    const seen = await countStatements(database.db, () =>
      database.db.transaction(async (tx) => {
        await tx.query('/* firstProbe */ SELECT 1');
        await tx.query('/* secondProbe */ SELECT $1::int', [2]);
      }),
    );
    expect(seen.names.filter((name) => name.endsWith('Probe'))).toEqual(['firstProbe', 'secondProbe']);
  });
});

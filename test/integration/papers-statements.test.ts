import { parseDemoFile } from '../../src/import/demo-data';
import { importRecords } from '../../src/import/import-papers';
import { createExecutor, type Executor } from '../support/execute';
import { ENGINES } from '../support/services';
import { countStatements } from '../support/statements';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe.each(ENGINES)('papers with authors on %s', (engine) => {
  let database: TestDatabase;
  let execute: Executor;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await importRecords(database.db, parseDemoFile());
    execute = await createExecutor(database.db);
  });
  afterAll(async () => {
    await execute.apollo.stop();
    await database.close();
  });

  const query = 'query($first: Int) { papers(first: $first) { nodes { id title authors { id name } } } }';

  it('issue the same statements for 5 and 50 papers: one page query and one batched author query', async () => {
    const small = await countStatements(database.db, () => execute(query, { first: 5 }));
    const large = await countStatements(database.db, () => execute(query, { first: 50 }));
    expect(large.names).toEqual(small.names);
    expect(small.count).toBe(2);
    expect(small.names).toContain('authorsByPaperId');
  });
});

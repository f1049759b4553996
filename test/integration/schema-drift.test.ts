import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDMMF } from '@prisma/get-dmmf';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// schema.prisma and prisma/migrations must describe the same tables: the migrations are applied
// to an empty database and its catalogue is compared with Prisma's own reading of the schema.

const SCHEMA_FILE = join(__dirname, '..', '..', 'prisma', 'schema.prisma');

interface Column {
  table: string;
  column: string;
  dataType: string;
  nullable: boolean;
}

function expectedType(field: { type: string; nativeType?: unknown; isList: boolean }): string {
  if (field.isList) return 'ARRAY';
  const native = Array.isArray(field.nativeType) ? String(field.nativeType[0]) : null;
  switch (field.type) {
    case 'String':
      return 'text';
    case 'Int':
      return 'integer';
    case 'Boolean':
      return 'boolean';
    case 'Bytes':
      return 'bytea';
    case 'DateTime':
      return native === 'Date' ? 'date' : native === 'Timestamptz' ? 'timestamp with time zone' : 'timestamp without time zone';
    default:
      return `unmapped ${field.type}`;
  }
}

describe('schema.prisma and the migrations', () => {
  let database: TestDatabase;
  let columns: Column[];
  let models: Extract<ReturnType<typeof getDMMF>, { datamodel: unknown }>['datamodel']['models'];
  const schemaText = readFileSync(SCHEMA_FILE, 'utf8');

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    columns = await database.db.withSession((session) =>
      session.query<Column>(`
        SELECT table_name AS "table", column_name AS "column", data_type AS "dataType", is_nullable = 'YES' AS nullable
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`),
    );
    const dmmf = await getDMMF({ datamodel: schemaText });
    if (!('datamodel' in dmmf)) throw new Error(`Prisma could not read schema.prisma (${dmmf.type}): ${dmmf.reason}`, { cause: dmmf.error });
    models = dmmf.datamodel.models;
  });
  afterAll(() => database.close());

  it('create exactly the tables the models map to', () => {
    const tables = [...new Set(columns.map((c) => c.table))].sort();
    expect(tables).toEqual(models.map((model) => model.dbName ?? model.name).sort());
  });

  it('give every scalar field a column of the right type and nullability', () => {
    const problems: string[] = [];
    for (const model of models) {
      const table = model.dbName ?? model.name;
      for (const field of model.fields.filter((f) => f.kind === 'scalar')) {
        const name = field.dbName ?? field.name;
        const column = columns.find((c) => c.table === table && c.column === name);
        if (!column) {
          problems.push(`${model.name}.${field.name}: no column ${table}.${name}`);
          continue;
        }
        const type = expectedType(field as never);
        if (column.dataType !== type) problems.push(`${table}.${name}: type ${column.dataType}, schema says ${type}`);
        // Prisma lists are never null to the client but their columns are nullable in Prisma's own DDL.
        if (!field.isList && column.nullable === field.isRequired) {
          problems.push(`${table}.${name}: nullable=${column.nullable}, schema says required=${field.isRequired}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('have no column the schema does not declare (Unsupported fields included)', () => {
    const declared = new Set<string>();
    for (const model of models) {
      for (const field of model.fields) declared.add(`${model.dbName ?? model.name}.${field.dbName ?? field.name}`);
    }
    // Unsupported("…") fields are absent from DMMF; read their columns from the schema text.
    for (const [, body] of schemaText.matchAll(/^model \w+ \{([\s\S]*?)^\}/gm)) {
      const table = /@@map\("(\w+)"\)/.exec(body)?.[1];
      for (const [, column] of body.matchAll(/Unsupported\("[^"]+"\)\??\s+@map\("(\w+)"\)/g)) declared.add(`${table}.${column}`);
    }
    const undeclared = columns.map((c) => `${c.table}.${c.column}`).filter((name) => !declared.has(name));
    expect(undeclared).toEqual([]);
  });
});

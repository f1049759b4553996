import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The layer table is enforced by `npm run lint` (eslint/layers.mjs). These cases pin what the rule
// reports, by linting small sources as if they sat at a path under src/, through the real config.
const ROOT = join(__dirname, '..', '..', '..');

interface Case {
  readonly file: string;
  readonly code: string;
}

function lint(cases: readonly Case[]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    const eslint = new ESLint({ cwd: process.cwd() });
    const cases = JSON.parse(process.argv[1]);
    const out = [];
    for (const c of cases) {
      const [result] = await eslint.lintText(c.code, { filePath: c.file });
      out.push(result.messages.filter((m) => m.ruleId === 'layers/layers').map((m) => m.message));
    }
    console.log(JSON.stringify(out));`;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(cases)], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(stdout) as string[][];
}

describe('the layer rules', () => {
  const cases = {
    schemaValueFromDb: { file: 'src/schema/paper/example.ts', code: "import { createDb } from '../../db/client';\nexport const x = createDb;\n" },
    schemaTypeFromDb: { file: 'src/schema/paper/example.ts', code: "import type { Db } from '../../db/client';\nexport type X = Db;\n" },
    schemaTypeFromServices: {
      file: 'src/schema/paper/example.ts',
      code: "import type { PaperRecord } from '../../services/records';\nexport type X = PaperRecord;\n",
    },
    schemaValueFromServices: {
      file: 'src/schema/paper/example.ts',
      code: "import { PaperService } from '../../services/paper.service';\nexport const x = PaperService;\n",
    },
    dbFromErrors: {
      file: 'src/db/queries/example.ts',
      code: "import { BadUserInputError } from '../../errors/errors';\nexport const x = BadUserInputError;\n",
    },
    dbFromLib: { file: 'src/db/queries/example.ts', code: "import { lazy } from '../../lib/lazy';\nexport const x = lazy;\n" },
    servicesTypeGraphql: { file: 'src/services/example.ts', code: "import { Field } from 'type-graphql';\nexport const x = Field;\n" },
    serverFromSchema: { file: 'src/server/example.ts', code: "import { resolvers } from '../schema/resolvers';\nexport const x = resolvers;\n" },
    appFromSchema: { file: 'src/app.ts', code: "import { resolvers } from './schema/resolvers';\nexport const x = resolvers;\n" },
  } satisfies Record<string, Case>;
  let results: Record<keyof typeof cases, string[]>;

  beforeAll(() => {
    const names = Object.keys(cases) as Array<keyof typeof cases>;
    const out = lint(names.map((name) => cases[name]));
    results = Object.fromEntries(names.map((name, i) => [name, out[i]])) as typeof results;
  });

  it('refuses a value import from db/ in schema/, and a type import too', () => {
    expect(results.schemaValueFromDb).toEqual([expect.stringContaining('schema/ may not import db/client (value import)')]);
    expect(results.schemaTypeFromDb).toEqual([expect.stringContaining('schema/ may not import db/client (type import)')]);
  });

  it('lets schema/ import services/ for types only', () => {
    expect(results.schemaTypeFromServices).toEqual([]);
    expect(results.schemaValueFromServices).toEqual([expect.stringContaining('schema/ may not import services/paper.service (value import)')]);
  });

  it('keeps db/ below errors/ and lets it use lib/', () => {
    expect(results.dbFromErrors).toEqual([expect.stringContaining('db/ may not import errors/errors')]);
    expect(results.dbFromLib).toEqual([]);
  });

  it('keeps type-graphql out of services/', () => {
    expect(results.servicesTypeGraphql).toEqual([expect.stringContaining('may not import the package type-graphql')]);
  });

  it('keeps server/ below the GraphQL surface while app.ts composes anything', () => {
    expect(results.serverFromSchema).toEqual([expect.stringContaining('server/ may not import schema/resolvers')]);
    expect(results.appFromSchema).toEqual([]);
  });
});

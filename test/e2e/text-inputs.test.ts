import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  astFromValue,
  buildSchema,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  print,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { DEFAULT_MAX_TEXT_LENGTH } from '../../src/lib/text-rule';
import { TEXT_MAX_LENGTHS } from '../../src/server/query-limits/text-inputs';
import { createUserWithToken } from '../support/identity-seed';
import { seedPapers } from '../support/seed';
import { ENGINES } from '../support/services';
import { countStatements } from '../support/statements';
import { startTestServer, type TestServer } from '../support/test-server';
import { openOperationSocket } from '../support/ws-operations';
import { STARTUP_TIMEOUT_MS, post, raw, rowCounts, type RawResponse } from './abuse-support';

// The one text rule (src/lib/text-rule.ts), proved over the whole schema: every String and ID
// argument and input field of every Query, Mutation and Subscription field (found by walking the
// committed schema, not listed by hand) gets a NUL, a lone surrogate and text one character over
// its maximum. What the user sees: HTTP 400, one error BAD_USER_INPUT whose `argumentName` is the
// argument path and whose message names it, a `reason`, a `requestId`; not one statement reaches
// the database and no row changes. Right-to-left, zero-width-joiner and combining text is valid
// everywhere and comes back unchanged.

const schema = buildSchema(readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8'));

interface Target {
  readonly root: GraphQLObjectType;
  readonly field: GraphQLField<unknown, unknown>;
  /** Argument name, then input field names; "[]" steps into a list item. */
  readonly steps: readonly string[];
  /** What the error names: "submitPaper.input.authors[0]". */
  readonly label: string;
  /** Schema coordinate of the text: "SubmitPaperInput.authors", "Query.search(query:)". */
  readonly coordinate: string;
}

function textTargets(): Target[] {
  const targets: Target[] = [];
  for (const root of [schema.getQueryType()!, schema.getMutationType()!, schema.getSubscriptionType()!]) {
    for (const field of Object.values(root.getFields())) {
      for (const arg of field.args) {
        collect(arg.type, [arg.name], `${field.name}.${arg.name}`, `${root.name}.${field.name}(${arg.name}:)`, new Set());
      }
      function collect(type: GraphQLInputType, steps: string[], label: string, coordinate: string, seen: Set<string>) {
        const inner = isNonNullType(type) ? type.ofType : type;
        if (isListType(inner)) return collect(inner.ofType, [...steps, '[]'], `${label}[0]`, coordinate, seen);
        if (isInputObjectType(inner)) {
          if (seen.has(inner.name)) return;
          for (const child of Object.values(inner.getFields())) {
            collect(child.type, [...steps, child.name], `${label}.${child.name}`, `${inner.name}.${child.name}`, new Set([...seen, inner.name]));
          }
          return;
        }
        const name = getNamedType(inner).name;
        if (name === 'String' || name === 'ID') targets.push({ root, field, steps, label, coordinate });
      }
    }
  }
  return targets;
}

/** A value the type accepts (required input fields only), so that only the text under test is wrong. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = sample(field.type);
    }
    return value;
  }
  if (isEnumType(type)) return type.getValues()[0].name;
  const scalars: Record<string, unknown> = {
    String: 'x',
    ID: '2501.10000',
    Int: 1,
    Float: 1,
    Boolean: false,
    Date: '2025-01-15',
    DateTime: '2025-01-15T00:00:00Z',
    NonNegativeInt: 1,
    URL: 'https://example.com/',
  };
  if (!(type.name in scalars)) throw new Error(`no sample for scalar ${type.name}`);
  return scalars[type.name];
}

/** The operation for one target: every argument a variable, required ones sampled, the target set to `text`. */
function operationFor(target: Target, text: string, form: 'variables' | 'literals' = 'variables') {
  const { field } = target;
  const values: Record<string, unknown> = {};
  for (const arg of field.args) {
    if (arg.name === target.steps[0] || (isNonNullType(arg.type) && arg.defaultValue === undefined)) values[arg.name] = sample(arg.type);
  }
  // Walk down to the target, creating what is missing, and put the text there.
  let holder: Record<string, unknown> | unknown[] = values;
  let type: GraphQLInputType = field.args.find((arg) => arg.name === target.steps[0])!.type;
  for (let i = 0; i < target.steps.length; i++) {
    const key = target.steps[i] === '[]' ? 0 : target.steps[i];
    const last = i === target.steps.length - 1;
    if (i > 0) {
      const inner = isNonNullType(type) ? type.ofType : type;
      type = isListType(inner) ? inner.ofType : isInputObjectType(inner) ? inner.getFields()[key as string].type : inner;
    }
    const container = holder as Record<string | number, unknown>;
    if (last) container[key] = text;
    else {
      const nextInner = isNonNullType(type) ? type.ofType : type;
      container[key] ??= isListType(nextInner) ? [] : {};
      holder = container[key] as Record<string, unknown>;
    }
  }
  const kind = target.root.name === 'Query' ? 'query' : target.root.name === 'Mutation' ? 'mutation' : 'subscription';
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  const used = field.args.filter((arg) => arg.name in values);
  if (form === 'literals') {
    const args = used.map((arg) => `${arg.name}: ${print(astFromValue(values[arg.name], arg.type)!)}`).join(', ');
    return { query: `${kind} TextRule { ${field.name}${args ? `(${args})` : ''}${selection} }`, variables: {} };
  }
  const definitions = used.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const args = used.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return {
    query: `${kind} TextRule${definitions ? `(${definitions})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`,
    variables: values,
  };
}

const TARGETS = textTargets();
const maxLengthOf = (target: Target) => TEXT_MAX_LENGTHS[target.coordinate] ?? DEFAULT_MAX_TEXT_LENGTH;
const HOSTILE = [
  { reason: 'NUL', text: () => 'a\u0000b' },
  { reason: 'LONE_SURROGATE', text: () => 'a\ud800b' },
  { reason: 'TOO_LONG', text: (target: Target) => 'x'.repeat(maxLengthOf(target) + 1) },
] as const;
// Right-to-left override and Hebrew, a zero-width-joiner family, a combining acute, NFD text.
const VALID_UNICODE = '\u202eשלום\u202c 👨\u200d👩\u200d👧 e\u0301 ' + 'Ω≈ç√∫ é'.normalize('NFD');

describe.each(ENGINES)('one text rule for every text argument (%s)', (engine) => {
  let server: TestServer;

  beforeAll(async () => {
    // Hundreds of operations on one socket: above the flood limit, which is not under test here.
    // No webhook worker: its polling statements would be counted as the refused requests' own.
    server = await startTestServer({ engine, env: { WS_MAX_MESSAGES_PER_SECOND: '100000', WEBHOOK_DELIVER: 'false' } });
    await seedPapers(server.database.db, 2);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => server?.close());

  it('finds the text arguments by walking the schema (the walk itself is not empty or shallow)', () => {
    const labels = TARGETS.map((target) => target.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'search.query',
        'authors.search',
        'paper.id',
        'submitPaper.input.authors[0]',
        'submitPaper.input.title',
        'papers.filter.submitter',
        'paperUpvoted.paperId',
      ]),
    );
    expect(TARGETS.length).toBeGreaterThan(40);
  });

  function expectRefused(response: RawResponse, target: Target, reason: string) {
    const context = { label: target.label, reason };
    expect({ ...context, status: response.status }).toEqual({ ...context, status: 400 });
    expect(response.json.data).toBeUndefined();
    expect(response.json.errors).toHaveLength(1);
    const [error] = response.json.errors!;
    expect({ ...context, ...error.extensions }).toEqual({ ...context, code: 'BAD_USER_INPUT', argumentName: target.label, requestId: expect.any(String) });
    expect(error.message).toContain(`"${target.label}"`);
  }

  it('refuses NUL, a lone surrogate and overlong text in every argument over HTTP (variables): 400 BAD_USER_INPUT naming the path, no statement, no row', async () => {
    const before = await rowCounts(server.database.db);
    for (const target of TARGETS.filter((candidate) => candidate.root.name !== 'Subscription')) {
      for (const hostile of HOSTILE) {
        let response!: RawResponse;
        const statements = await countStatements(server.database.db, async () => {
          response = await post(server.url, operationFor(target, hostile.text(target)));
        });
        expectRefused(response, target, hostile.reason);
        expect({ label: target.label, statements: statements.names }).toEqual({ label: target.label, statements: [] });
      }
    }
    expect(await rowCounts(server.database.db)).toEqual(before);
  });

  it('refuses the same text written as literals in the document (a lone surrogate cannot be written there: parse error)', async () => {
    for (const target of TARGETS.filter((candidate) => candidate.root.name !== 'Subscription')) {
      for (const hostile of HOSTILE.filter((candidate) => candidate.reason !== 'LONE_SURROGATE')) {
        expectRefused(await post(server.url, operationFor(target, hostile.text(target), 'literals')), target, hostile.reason);
      }
    }
    const surrogate = await post(server.url, { query: '{ paper(id: "\\ud800") { id } }' });
    expect(surrogate.status).toBe(400);
    expect(surrogate.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses them over graphql-ws too, for queries, mutations and subscriptions alike', async () => {
    const socket = await openOperationSocket(server.url);
    try {
      for (const target of TARGETS) {
        for (const hostile of HOSTILE) {
          const outcome = await socket.run(operationFor(target, hostile.text(target)).query, operationFor(target, hostile.text(target)).variables).then(
            (result) => result,
            (error: Error) => JSON.parse(error.message),
          );
          const errors = Array.isArray(outcome) ? outcome : outcome.errors;
          expect({ label: target.label, reason: hostile.reason, extensions: errors?.[0]?.extensions }).toEqual({
            label: target.label,
            reason: hostile.reason,
            extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: target.label, requestId: expect.any(String) }),
          });
        }
      }
    } finally {
      await socket.close();
    }
  });

  it('accepts right-to-left, zero-width-joiner and combining text in every argument: never a 500, never the text rule', async () => {
    for (const target of TARGETS.filter((candidate) => candidate.root.name !== 'Subscription')) {
      // A user of its own per operation: signOut or token revocation must not change what the next one sees.
      const { authorization } = await createUserWithToken(server.database.db, 'unicode', ['read', 'write', 'digest']);
      const response = await post(server.url, operationFor(target, VALID_UNICODE), { authorization });
      const codes = (response.json.errors ?? []).map((error) => ({ code: error.extensions?.code, textRule: error.extensions?.reason ?? null }));
      expect({ label: target.label, status: response.status < 500, codes }).toEqual({
        label: target.label,
        status: true,
        codes: codes.map((code) => ({ ...code, code: expect.not.stringMatching(/^(INTERNAL_SERVER_ERROR|SERVICE_UNAVAILABLE)$/), textRule: null })),
      });
    }
  });

  it('stores and returns such text unchanged: a submitted paper, its authors and a search', async () => {
    const { authorization } = await createUserWithToken(server.database.db, 'roundtrip', ['read', 'write']);
    const title = `Title ${VALID_UNICODE}`;
    const abstract = `Abstract ${VALID_UNICODE}`;
    const authors = [`Author ${VALID_UNICODE}`, 'אבי כהן', 'Zoë Combining'.normalize('NFD')];
    const submitted = await post(
      server.url,
      {
        query: 'mutation($input: SubmitPaperInput!) { submitPaper(input: $input) { clientMutationId paper { title abstract authors { name } } } }',
        variables: { input: { arxivId: '2502.54321', title, abstract, authors, day: '2025-01-15', clientMutationId: VALID_UNICODE } },
      },
      { authorization },
    );
    expect(submitted.json.errors).toBeUndefined();
    expect(submitted.json.data.submitPaper).toEqual({
      clientMutationId: VALID_UNICODE,
      paper: { title, abstract, authors: authors.map((name) => ({ name })) },
    });
    const read = await post(server.url, {
      query: 'query($q: String!) { paper(id: "2502.54321") { title abstract authors { name } } authors(search: $q) { nodes { name } } }',
      variables: { q: VALID_UNICODE },
    });
    expect(read.json.errors).toBeUndefined();
    expect(read.json.data.paper).toEqual({ title, abstract, authors: authors.map((name) => ({ name })) });
    expect(read.json.data.authors.nodes).toEqual([{ name: authors[0] }]);
    const search = await post(server.url, {
      query: 'query($q: String!) { search(query: $q, first: 5) { nodes { paper { arxivId } } } }',
      variables: { q: 'שלום' },
    });
    expect(search.json.errors).toBeUndefined();
  });

  it('applies the same rule to REST query parameters, naming the parameter', async () => {
    for (const [pathAndQuery, parameter] of [
      ['/api/papers/search?q=a%00b', 'q'],
      ['/api/daily_papers?submitter=a%00b', 'submitter'],
      [`/api/papers/search?q=${'x'.repeat(300)}`, 'q'],
    ] as const) {
      const response = await raw(server.url, { path: pathAndQuery });
      expect({ pathAndQuery, status: response.status, body: response.json }).toEqual({
        pathAndQuery,
        status: 400,
        body: { code: 'BAD_USER_INPUT', error: expect.stringContaining(`"${parameter}"`), requestId: expect.any(String) },
      });
    }
  });
});

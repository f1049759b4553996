import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { loadTabs } from '../../src/server/playground/playground-tabs';
import { toGlobalId } from '../../src/lib/global-id';
import { docExamples } from '../support/doc-examples';
import { postGraphQL, type GraphQLResult } from '../support/graphql-client';
import { createUserWithToken } from '../support/identity-seed';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';

// A query seen twice runs as a function compiled by graphql-jit (src/server/compiled-execution.ts).
// Clients must not be able to tell: two servers over one database, one compiling and one running
// graphql-js only, answer every operation of a corpus (the docs' and the Playground's examples, and
// the cases below: fragments, directives, aliases, abstract types, errors) with the same status and
// body, for the compiling server's first (graphql-js) and second (compiled) run alike.

interface Operation {
  readonly where: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly operationName?: string;
  readonly signedIn?: boolean;
}

const DAY = '2025-12-11';
const EDGE_CASES: Operation[] = [
  {
    where: 'fragments, aliases, @include/@skip from variables, __typename',
    query: `query Feed($date: Date!, $withAuthors: Boolean!, $noTitle: Boolean!) {
      today: day(date: $date) { __typename ...DayParts papers(first: 3) { top: nodes { ...PaperParts } pageInfo { hasNextPage endCursor } } }
      nothing: day(date: "1999-01-01") { date }
    }
    fragment DayParts on Day { id date paperCount }
    fragment PaperParts on Paper { __typename id arxivId title @skip(if: $noTitle) authors @include(if: $withAuthors) { id name } }`,
    variables: { date: DAY, withAuthors: true, noTitle: true },
  },
  { where: 'the same with the directives the other way', query: '', variables: { date: DAY, withAuthors: false, noTitle: false } },
  {
    where: 'node(id:) across node types, and unknown ids',
    query: `query Nodes($day: ID!, $paper: ID!, $unknown: ID!) {
      day: node(id: $day) { ...Named } paper: node(id: $paper) { ...Named } unknown: node(id: $unknown) { ...Named } garbage: node(id: "bm90LWFuLWlk") { id }
    }
    fragment Named on Node { __typename id ... on Paper { arxivId authors { ... on Node { id } name } } ... on Day { date } ... on Author { name } }`,
    variables: { day: toGlobalId('Day', DAY), paper: toGlobalId('Paper', '2407.18232'), unknown: toGlobalId('Paper', '2599.99999') },
  },
  {
    where: 'errors in fields: a bad cursor, a first over the limit, an unknown paper',
    query: `query Broken { a: papers(first: 2, after: "not-a-cursor") { totalCount } b: papers(first: 5000) { totalCount } c: paper(id: "2599.99999") { title } d: papers(first: 1) { nodes { arxivId } } }`,
  },
  {
    where: 'search with a filter, and search refusing its input',
    query: `query Find($q: String!) { hits: search(query: $q, first: 3) { totalCount nodes { __typename } } bad: search(query: "x", first: -1) { totalCount } }`,
    variables: { q: 'attention' },
  },
  {
    where: 'variables that do not coerce (400, graphql-js wording)',
    query: `query Day($date: Date!) { day(date: $date) { date } }`,
    variables: { date: 'yesterday' },
  },
  { where: 'a missing required variable', query: `query Day($date: Date!) { day(date: $date) { date } }`, variables: {} },
  {
    where: 'the signed-in day feed (viewerHasUpvoted, viewer)',
    query: `query Mine($date: Date!) { viewer { handle } day(date: $date) { papers(first: 5) { nodes { arxivId viewerHasUpvoted upvoteCount } } } }`,
    variables: { date: DAY },
    signedIn: true,
  },
];

function corpus(): Operation[] {
  const examples: Operation[] = docExamples()
    .filter((example) => example.run)
    .flatMap((example) =>
      parse(example.query)
        .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'query')
        .map((operation) => ({
          where: example.where,
          query: example.query,
          variables: example.variables,
          operationName: operation.name?.value,
          signedIn: true,
        })),
    );
  const tabs: Operation[] = loadTabs()
    .filter((tab) => /^\s*(#.*\n\s*)*(query\b|\{)/.test(tab.query))
    .map((tab) => ({ where: `Playground tab "${tab.name}"`, query: tab.query, variables: tab.variables ? JSON.parse(tab.variables) : undefined }));
  const edgeCases = EDGE_CASES.map((operation, i) => (operation.query ? operation : { ...operation, query: EDGE_CASES[i - 1].query }));
  return [...examples, ...tabs, ...edgeCases];
}

/** What a client sees, without what differs per request by design: the request id, and the rate-limit budget each server keeps. */
function seen(result: GraphQLResult): unknown {
  return {
    status: result.status,
    body: JSON.parse(JSON.stringify(result.body), (key, value) => (key === 'requestId' || key === 'remaining' || key === 'resetAt' ? undefined : value)),
  };
}

async function executions(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Object.fromEntries([...text.matchAll(/^graphql_executions_total\{executor="([\w-]+)"\} (\d+)$/gm)].map((m) => [m[1], Number(m[2])]));
}

describe('compiled queries answer what graphql-js answers', () => {
  let database: TestDatabase;
  let compiling: TestServer;
  let interpreting: TestServer;
  let authorization: string;
  const operations = corpus();

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const env = { SEED_DEMO: 'true', RESPONSE_CACHE_TTL_SECONDS: '0', WEBHOOK_DELIVER: 'false' };
    compiling = await startTestServer({ database, env });
    interpreting = await startTestServer({ database, env: { ...env, COMPILE_QUERIES: 'false' } });
    ({ authorization } = await createUserWithToken(database.db, 'compiled'));
  }, 300_000);
  afterAll(async () => {
    await compiling?.close();
    await interpreting?.close();
    await database?.close();
  });

  it('has a corpus from the docs, the Playground and the edge cases', () => {
    expect(operations.length).toBeGreaterThan(EDGE_CASES.length + 15);
  });

  it.each(operations.map((operation) => [operation.where, operation] as const))('%s', async (_where, operation) => {
    const headers: Record<string, string> = operation.signedIn ? { authorization } : {};
    const send = (server: TestServer) => postGraphQL(server.url, operation.query, operation.variables, headers, operation.operationName);
    const expected = seen(await send(interpreting));
    expect(seen(await send(compiling))).toEqual(expected); // first sighting: graphql-js
    expect(seen(await send(compiling))).toEqual(expected); // compiled
  });

  it('ran the repeated queries compiled, and the interpreting server none', async () => {
    const compiled = await executions(compiling.url);
    // Every operation ran twice on the compiling server, each run counted once: first on
    // graphql-js, then compiled, except where variables fail to coerce (at most the two bad-variable
    // cases), which graphql-js answers again in its own wording.
    expect(compiled.compiled + compiled['graphql-js']).toBe(2 * operations.length);
    expect(compiled.compiled).toBeGreaterThanOrEqual(operations.length - 2);
    expect(await executions(interpreting.url)).toEqual({});
  });

  it('never compiles a mutation, however often it runs', async () => {
    const before = await executions(compiling.url);
    const UPVOTE = 'mutation Up($id: ID!) { upvotePaper(input: { paperId: $id }) { paper { upvoteCount } } }';
    const UNVOTE = 'mutation Down($id: ID!) { removeUpvote(input: { paperId: $id }) { paper { upvoteCount } } }';
    for (let i = 0; i < 2; i++) {
      for (const mutation of [UPVOTE, UNVOTE]) {
        (await postGraphQL(compiling.url, mutation, { id: '2407.18232' }, { authorization })).expectData();
      }
    }
    const after = await executions(compiling.url);
    expect(after.compiled).toBe(before.compiled);
    expect(after['graphql-js']).toBe(before['graphql-js'] + 4);
  });
});

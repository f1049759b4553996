import { Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { createInProcessPubSub } from '../../src/pubsub/in-process-pubsub';
import { buildSchema } from '../../src/schema/build-schema';
import { docExamples } from '../support/doc-examples';
import { postGraphQL } from '../support/graphql-client';
import { createUserWithToken } from '../support/identity-seed';
import { startTestServer, type TestServer } from '../support/test-server';

// Every GraphQL example in README.md and docs/ runs against the demo server the quick start gives
// (embedded database, demo papers loaded at start), in document order, as one user with a token.
// An example that answers with an error, a null top-level field or an empty list would show a
// newcomer nothing, so each of those fails here. The extraction rule: test/support/doc-examples.ts.

const examples = docExamples();
const operationsOf = (query: string) =>
  parse(query).definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);

describe('the GraphQL examples in README.md and docs/', () => {
  let server: TestServer;
  let authorization: string;
  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'true' } });
    ({ authorization } = await createUserWithToken(server.database.db, 'docs'));
  }, 300_000);
  afterAll(async () => {
    await server?.close();
  });

  it('finds the examples of the README and of several docs pages', () => {
    const files = new Set(examples.map((example) => example.where.replace(/:\d+$/, '')));
    expect([...files]).toEqual(expect.arrayContaining(['README.md', 'docs/api.md', 'docs/digest.md']));
    expect(examples.filter((example) => example.run).length).toBeGreaterThan(10);
  });

  it('parses and validates every example against the schema', async () => {
    const schema = await buildSchema({ pubSub: createInProcessPubSub() });
    const problems = examples.flatMap((example) => {
      try {
        return validate(schema, parse(example.query)).map((error) => `${example.where}: ${error.message}`);
      } catch (error) {
        return [`${example.where}: ${(error as Error).message}`];
      }
    });
    expect(problems).toEqual([]);
  });

  it.each(examples.filter((example) => example.run).map((example) => [example.where, example] as const))(
    '%s answers with data, no errors, no null field and no empty list',
    async (_where, example) => {
      for (const operation of operationsOf(example.query)) {
        if (operation.operation === 'subscription') continue;
        const result = await postGraphQL(server.url, example.query, example.variables, { authorization }, operation.name?.value);
        const data = result.expectData();
        const nullFields = Object.entries(data)
          .filter(([, value]) => value === null)
          .map(([field]) => field);
        expect({ operation: operation.name?.value, nullFields }).toEqual({ operation: operation.name?.value, nullFields: [] });
        const lists: unknown[][] = [];
        JSON.stringify(data, (_key, value) => (Array.isArray(value) && lists.push(value), value));
        expect({ operation: operation.name?.value, emptyLists: lists.filter((list) => list.length === 0).length }).toEqual({
          operation: operation.name?.value,
          emptyLists: 0,
        });
      }
    },
  );
});

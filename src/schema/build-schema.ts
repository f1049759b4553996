import { assertInterfaceType, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema as buildTypeGraphQLSchema, type PubSub } from 'type-graphql';
import { resolveNodeType } from './common/node.type';
import { callFieldResolversDirectly, readPlainFieldsAsProperties } from './direct-resolvers';
import { resolvers } from './resolvers';

export interface SchemaOptions {
  /**
   * Subscriptions listen on it. Required: the app passes the pub/sub its services publish to, so a
   * subscription can never listen on a private one that nothing publishes to.
   */
  readonly pubSub: PubSub;
}

// TypeGraphQL has no option for the root types' descriptions; they ship in schema.graphql and the Playground.
const ROOT_DESCRIPTIONS = {
  Query: 'Reads: papers, days, authors, search, trending and the viewer. Anonymous unless a bearer token is sent.',
  Mutation: 'Writes. Each takes one `input` and returns a payload; needs "Authorization: Bearer <token>" unless stated otherwise.',
  Subscription: 'Live events over graphql-ws on /graphql (protocol graphql-transport-ws).',
} as const;

export async function buildSchema(options: SchemaOptions): Promise<GraphQLSchema> {
  readPlainFieldsAsProperties();
  const schema = await buildTypeGraphQLSchema({
    resolvers,
    pubSub: options.pubSub,
    validate: false,
    emitSchemaFile: false,
  });
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (root && !root.description) root.description = ROOT_DESCRIPTIONS[root.name as keyof typeof ROOT_DESCRIPTIONS];
  }
  // TypeGraphQL wraps every resolveType in an async function. graphql-jit (compiled queries,
  // server/compiled-execution.ts) calls resolveType synchronously, and graphql-js pays a promise
  // per abstract value; ours reads a tag, so it is put back as written.
  assertInterfaceType(schema.getType('Node')).resolveType = resolveNodeType;
  callFieldResolversDirectly(schema);
  return schema;
}

/** The SDL committed as schema.graphql: sorted, so diffs show real changes only. */
export function printSdl(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema)).trim()}\n`;
}

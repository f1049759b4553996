import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema as buildTypeGraphQLSchema, type PubSub } from 'type-graphql';
import { resolvers } from './resolvers';

export interface SchemaOptions {
  /** Subscriptions publish through it; omitted when only printing the schema. */
  readonly pubSub?: PubSub;
}

export async function buildSchema(options: SchemaOptions = {}): Promise<GraphQLSchema> {
  return buildTypeGraphQLSchema({
    resolvers,
    pubSub: options.pubSub,
    validate: false,
    emitSchemaFile: false,
  });
}

/** The SDL committed as schema.graphql: sorted, so diffs show real changes only. */
export function printSdl(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema)).trim()}\n`;
}

import { Field, ID, InterfaceType } from 'type-graphql';

// Services hand out plain records; node() tags them with __typename (services/node.service.ts).
export const resolveNodeType = (value: { __typename?: string }): string | undefined => value.__typename;

@InterfaceType({
  description: 'An object with a globally unique id, fetchable with `node(id:)` (Relay).',
  resolveType: resolveNodeType,
})
export abstract class Node {
  @Field(() => ID, { description: 'Globally unique, opaque id. Stable: safe to store and to pass back to `node(id:)`.' })
  id!: string;
}

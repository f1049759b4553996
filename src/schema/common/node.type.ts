import { Field, ID, InterfaceType } from 'type-graphql';

// Services hand out plain records; node() tags them with __typename (services/node.service.ts).
@InterfaceType({
  description: 'An object with a globally unique id, fetchable with `node(id:)` (Relay).',
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Globally unique, opaque id. Stable: safe to store and to pass back to `node(id:)`.' })
  id!: string;
}

import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType({ description: 'An object with a globally unique id, fetchable with `node(id:)` (Relay).' })
export abstract class Node {
  @Field(() => ID, { description: 'Globally unique, opaque id. Stable: safe to store and to pass back to `node(id:)`.' })
  id!: string;
}

import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../common/node.type';

// Every field returning an Author returns an AuthorNode (author-node.ts): a new plain field needs
// its property there, or it reads undefined.
@ObjectType({ implements: Node, description: "A person named in papers' bylines." })
export class Author extends Node {
  // The global id is a property of AuthorNode, read without a resolver; declared again only to
  // keep the description Author.id has always had.
  @Field(() => ID, { description: 'Globally unique, opaque id (Relay).' })
  declare id: string;

  @Field({ description: 'The name as printed in bylines.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: "The author's Hugging Face user name when the source feed links the byline to an account; null otherwise.",
  })
  handle!: string | null;
}

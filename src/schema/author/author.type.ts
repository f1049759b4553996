import { Field, ObjectType } from 'type-graphql';
import { Node } from '../common/node.type';

// Bylines hand this type AuthorSummary roots (db/records.ts): a new plain field needs its column
// in that summary, or it reads undefined for every byline author.
@ObjectType({ implements: Node, description: "A person named in papers' bylines." })
export class Author extends Node {
  @Field({ description: 'The name as printed in bylines.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: "The author's Hugging Face user name when the source feed links the byline to an account; null otherwise.",
  })
  handle!: string | null;
}

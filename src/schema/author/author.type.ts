import { Field, ObjectType } from 'type-graphql';
import { Node } from '../common/node.type';

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

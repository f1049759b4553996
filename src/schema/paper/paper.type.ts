import { Field, ObjectType } from 'type-graphql';
import { Node } from '../common/node.type';
import { DateTimeScalar } from '../common/scalars';

@ObjectType({ implements: Node, description: 'A research paper featured in the daily list, identified by its arXiv id.' })
export class Paper extends Node {
  @Field({ description: 'Title as on arXiv.' })
  title!: string;

  @Field({ description: 'Abstract as on arXiv, plain text.' })
  abstract!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the first arXiv version was published (UTC). Null when the source feed did not give it.' })
  publishedAt!: Date | null;
}

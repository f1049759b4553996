import { Field, ObjectType } from 'type-graphql';
import { Node } from '../common/node.type';
import { DateScalar } from '../common/scalars';

@ObjectType({ implements: Node, description: 'A calendar date (UTC) on which papers were featured in the daily list.' })
export class Day extends Node {
  @Field(() => DateScalar, { description: 'The date, YYYY-MM-DD, UTC.' })
  date!: Date;
}

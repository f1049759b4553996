import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../common/scalars';

@ObjectType({ description: 'A calendar date (UTC) on which papers were featured in the daily list.' })
export class Day {
  @Field(() => DateScalar, { description: 'The date, YYYY-MM-DD, UTC.' })
  date!: Date;
}

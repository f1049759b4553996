import { ArgsType, Field } from 'type-graphql';
import { ForwardConnectionArgs } from '../common/connection';
import { DateScalar } from '../common/scalars';

@ArgsType()
export class DaysArgs extends ForwardConnectionArgs {
  @Field(() => DateScalar, { nullable: true, description: 'Only days on or after this date (YYYY-MM-DD, UTC).' })
  from?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only days on or before this date (YYYY-MM-DD, UTC).' })
  to?: Date | null;
}

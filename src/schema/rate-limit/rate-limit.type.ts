import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../common/scalars';

@ObjectType({
  description:
    "The caller's rate-limit budget (cost points per window), as of this operation. Authenticated callers spend their own budget; anonymous callers their IP's. The same numbers are in the x-ratelimit-* response headers.",
})
export class RateLimit {
  @Field(() => Int, { description: 'Points this operation spent: its computed cost (at least 1). Fetch `rateLimit` alone to check the budget for 1 point.' })
  cost!: number;

  @Field(() => Int, { description: 'Points available per window.' })
  limit!: number;

  @Field(() => Int, {
    description: 'Points left in the current window after this operation. An operation costing more is refused with RATE_LIMITED (HTTP 429).',
  })
  remaining!: number;

  @Field(() => DateTimeScalar, { description: 'When the window restarts with a full budget (UTC).' })
  resetAt!: Date;
}

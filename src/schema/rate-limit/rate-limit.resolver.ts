import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { RateLimit } from './rate-limit.type';

@Resolver(() => RateLimit)
export class RateLimitResolver {
  @Query(() => RateLimit, {
    nullable: true,
    complexity: 1,
    description:
      'Your rate-limit budget after this operation (GitHub style). Null only for operations that bypass the HTTP and websocket transports (in-process execution).',
  })
  rateLimit(@Ctx() ctx: RequestContext): RateLimit | null {
    const spent = ctx.rateLimit;
    return spent ? { cost: spent.cost, limit: spent.limit, remaining: spent.remaining, resetAt: spent.resetAt } : null;
  }
}

import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { PaperCard } from '../../services/records';
import { toGlobalId } from '../../lib/global-id';
import type { Page } from '../../lib/paging/page';
import { DateScalar, NonNegativeInt } from '../common/scalars';
import { PaperConnection, paperPageExtras } from '../paper/paper.connection';
import { ForwardPapersArgs } from '../paper/paper.inputs';
import { DayConnection } from './day.connection';
import { DaysArgs } from './day.inputs';
import { Day } from './day.type';
import { isoDay } from '../../lib/day';

interface DayRoot {
  readonly date: Date;
}

@Resolver(() => Day)
export class DayResolver {
  @Query(() => Day, { nullable: true, description: 'The daily feed of one date. Null when no paper was featured that day (weekends, holidays, the future).' })
  day(@Arg('date', () => DateScalar, { description: 'The date, YYYY-MM-DD, UTC.' }) date: Date, @Ctx() ctx: RequestContext): Promise<DayRoot | null> {
    return ctx.services.feed.day(ctx, date);
  }

  @Query(() => DayConnection, { description: 'Days on which papers were featured, newest first.' })
  days(@Args() args: DaysArgs, @Ctx() ctx: RequestContext): Promise<Page<DayRoot>> {
    return ctx.services.feed.days(ctx, args);
  }

  @FieldResolver(() => ID, { description: 'Globally unique, opaque id (Relay).' })
  id(@Root() day: DayRoot): string {
    return toGlobalId('Day', isoDay(day.date));
  }

  @FieldResolver(() => NonNegativeInt, { description: 'How many papers were featured that day.' })
  paperCount(@Root() day: DayRoot, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.services.feed.paperCount(ctx, day.date);
  }

  @FieldResolver(() => PaperConnection, { description: 'The papers featured that day, most upvoted first (ties by arXiv id) unless `orderBy` says otherwise.' })
  papers(@Root() day: DayRoot, @Args() args: ForwardPapersArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Page<PaperCard>> {
    return ctx.services.feed.papers(ctx, day.date, args, paperPageExtras(info));
  }

  @FieldResolver(() => Day, { nullable: true, description: 'The closest earlier day with featured papers; null for the first day.' })
  previous(@Root() day: DayRoot, @Ctx() ctx: RequestContext): Promise<DayRoot | null> {
    return ctx.services.feed.neighbour(ctx, day.date, 'previous');
  }

  @FieldResolver(() => Day, { nullable: true, description: 'The closest later day with featured papers; null for the latest day.' })
  next(@Root() day: DayRoot, @Ctx() ctx: RequestContext): Promise<DayRoot | null> {
    return ctx.services.feed.neighbour(ctx, day.date, 'next');
  }
}

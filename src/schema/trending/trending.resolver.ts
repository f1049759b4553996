import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { PaperRecord } from '../../services/records';
import type { Page } from '../../lib/paging/page';
import { PaperConnection } from '../paper/paper.connection';
import { TrendingArgs } from './trending.inputs';

@Resolver()
export class TrendingResolver {
  @Query(() => PaperConnection, {
    description:
      'The papers featured during a period, ranked. By UPVOTES: most upvoted first, ties by arXiv id ascending. ' +
      'By GITHUB_STARS: most stars first, papers without a repository last, ties by upvotes then arXiv id. Withdrawn papers are left out.',
  })
  trending(@Args() args: TrendingArgs, @Ctx() ctx: RequestContext): Promise<Page<PaperRecord>> {
    return ctx.services.trending.trending(ctx, args);
  }
}

import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { PaperCard, UserRecord } from '../../services/records';
import type { Page } from '../../lib/paging/page';
import { Paper } from '../paper/paper.type';
import { UserConnection } from '../user/user.connection';
import { UpvotersArgs } from './upvote.inputs';

@Resolver(() => Paper)
export class PaperUpvoteFieldsResolver {
  @FieldResolver(() => Boolean, { description: 'Whether the viewer has upvoted this paper; always false for anonymous requests.' })
  viewerHasUpvoted(@Root() paper: PaperCard, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.loaders.viewerHasUpvoted.load(paper.id);
  }

  @FieldResolver(() => UserConnection, {
    description:
      'Users who upvoted this paper here, most recent upvote first (ties by user). Imported upvotes have no user and are not listed; `totalCount` counts listed upvoters only.',
  })
  upvoters(@Root() paper: PaperCard, @Args() args: UpvotersArgs, @Ctx() ctx: RequestContext): Promise<Page<UserRecord>> {
    return ctx.services.upvotes.upvoters(ctx, paper.id, args);
  }
}

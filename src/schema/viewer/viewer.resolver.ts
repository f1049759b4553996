import { Args, Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import type { RequestContext, Viewer as ViewerRecord } from '../../context';
import type { PaperRecord, UserRecord } from '../../services/records';
import type { Page } from '../../lib/paging/page';
import { ForwardConnectionArgs } from '../common/connection';
import { PaperConnection } from '../paper/paper.connection';
import { User } from '../user/user.type';
import { Viewer } from './viewer.type';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, {
    nullable: true,
    description: 'The caller, from "Authorization: Bearer <token>" (HTTP) or the connection_init `authorization` (websocket). Null when anonymous.',
  })
  viewer(@Ctx() ctx: RequestContext): ViewerRecord | null {
    return ctx.viewer;
  }

  @FieldResolver(() => User, { description: "The viewer's public profile." })
  async user(@Ctx() ctx: RequestContext): Promise<UserRecord> {
    return (await ctx.services.identity.viewerUser(ctx))!;
  }

  @FieldResolver(() => PaperConnection, { description: 'Papers the viewer upvoted, most recent upvote first. Needs the `read` scope.' })
  upvotedPapers(@Args() args: ForwardConnectionArgs, @Ctx() ctx: RequestContext): Promise<Page<PaperRecord>> {
    return ctx.services.upvotes.upvotedPapers(ctx, args);
  }
}

import { Arg, Args, Ctx, Mutation, Resolver, Root, Subscription, type SubscriptionHandlerData } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Topic, type PaperUpvotedPayload } from '../../pubsub/topics';
import { PaperUpvotedArgs, RemoveUpvoteInput, UpvotePaperInput } from './upvote.inputs';
import { PaperUpvotedEvent, RemoveUpvotePayload, UpvotePaperPayload } from './upvote.payloads';

// Validated when the subscription starts, so a malformed id is an error instead of silence.
function upvoteTopics({ args, context }: { args: PaperUpvotedArgs; context: RequestContext }): string {
  if (args.paperId != null) context.services.upvotes.paperIdOf(args.paperId);
  return Topic.PaperUpvoted;
}

function byPaperId({ payload, args, context }: SubscriptionHandlerData<PaperUpvotedPayload, PaperUpvotedArgs, RequestContext>): boolean {
  return args.paperId == null || context.services.upvotes.paperIdOf(args.paperId) === payload.paperId;
}

@Resolver()
export class UpvoteResolver {
  @Mutation(() => UpvotePaperPayload, {
    description: 'Upvotes a paper as the viewer (token with the `write` scope). Idempotent: upvoting twice keeps one upvote.',
  })
  async upvotePaper(
    @Arg('input', () => UpvotePaperInput, { description: 'The paper to upvote.' }) input: UpvotePaperInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpvotePaperPayload> {
    const paper = await ctx.services.upvotes.upvote(ctx, input.paperId);
    return { paper, clientMutationId: input.clientMutationId };
  }

  @Mutation(() => RemoveUpvotePayload, {
    description: "Withdraws the viewer's upvote (token with the `write` scope). Idempotent: removing a missing upvote succeeds and changes nothing.",
  })
  async removeUpvote(
    @Arg('input', () => RemoveUpvoteInput, { description: 'The paper to withdraw the upvote from.' }) input: RemoveUpvoteInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RemoveUpvotePayload> {
    const paper = await ctx.services.upvotes.removeUpvote(ctx, input.paperId);
    return { paper, clientMutationId: input.clientMutationId };
  }

  @Subscription(() => PaperUpvotedEvent, {
    topics: upvoteTopics,
    filter: byPaperId,
    description: "Every change of a paper's upvote count (upvotes and removals, on any server instance); of one paper when `paperId` is given.",
  })
  async paperUpvoted(@Root() event: PaperUpvotedPayload, @Args() _args: PaperUpvotedArgs, @Ctx() ctx: RequestContext): Promise<PaperUpvotedEvent> {
    ctx.renewLoaders(); // the context lives as long as the subscription; a loader cache must live one event
    return { paper: await ctx.services.upvotes.paperForEvent(ctx, event), upvoteCount: event.upvoteCount };
  }
}

import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root, Subscription, type SubscriptionHandlerData } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { PaperRecord, UserRecord } from '../../services/records';
import { Topic, type PaperSubmittedPayload } from '../../pubsub/topics';
import { Paper } from '../paper/paper.type';
import { User } from '../user/user.type';
import { PaperSubmittedArgs, SubmitPaperInput, UpdatePaperInput } from './submission.inputs';
import { PaperSubmittedEvent, SubmitPaperPayload, UpdatePaperPayload } from './submission.payloads';
import { isoDay } from '../../lib/day';

function byDay({ payload, args }: SubscriptionHandlerData<PaperSubmittedPayload, PaperSubmittedArgs>): boolean {
  return args.day == null || isoDay(args.day) === payload.day;
}

@Resolver(() => Paper)
export class SubmissionResolver {
  @Mutation(() => SubmitPaperPayload, {
    description:
      'Adds a paper to the feed with the viewer as submitter (token with the `write` scope). CONFLICT with `extensions.existingId` when the arXiv id is already listed.',
  })
  async submitPaper(
    @Arg('input', () => SubmitPaperInput, { description: 'The paper.' }) input: SubmitPaperInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SubmitPaperPayload> {
    const paper = await ctx.services.submissions.submit(ctx, input);
    return { paper, clientMutationId: input.clientMutationId };
  }

  @Mutation(() => UpdatePaperPayload, {
    description: 'Changes the links of a paper the viewer submitted (token with the `write` scope); FORBIDDEN for anyone else.',
  })
  async updatePaper(
    @Arg('input', () => UpdatePaperInput, { description: 'The paper and its new links.' }) input: UpdatePaperInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdatePaperPayload> {
    const paper = await ctx.services.submissions.updateLinks(ctx, input);
    return { paper, clientMutationId: input.clientMutationId };
  }

  @Subscription(() => PaperSubmittedEvent, {
    topics: Topic.PaperSubmitted,
    filter: byDay,
    description: 'Papers submitted from now on (on any server instance); only those featured on `day` when given.',
  })
  async paperSubmitted(@Root() event: PaperSubmittedPayload, @Args() _args: PaperSubmittedArgs, @Ctx() ctx: RequestContext): Promise<PaperSubmittedEvent> {
    ctx.renewLoaders(); // the context lives as long as the subscription; a loader cache must live one event
    const paper = await ctx.services.papers.findById(ctx, event.paperId);
    if (!paper) throw new Error(`submitted paper ${event.paperId} vanished`);
    return { paper };
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who submitted the paper here; null for papers whose source feed named no submitter.' })
  submittedBy(@Root() paper: PaperRecord, @Ctx() ctx: RequestContext): Promise<UserRecord | null> | null {
    return paper.submittedById == null ? null : ctx.loaders.userById.load(paper.submittedById);
  }
}

import { Arg, Ctx, FieldResolver, Field, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { DigestSubscriptionRecord } from '../../services/digest-subscription.service';
import { Viewer } from '../viewer/viewer.type';
import { DigestFrequency, DigestSubscription } from './digest-subscription.type';

@InputType({ description: 'Whether the viewer gets the digest, and how often.' })
export class UpdateDigestSubscriptionInput {
  @Field(() => Boolean, { description: 'True to receive the digest at the sign-in address, false to stop it.' })
  subscribed!: boolean;

  @Field(() => DigestFrequency, { nullable: true, description: 'DAILY or WEEKLY; required when subscribed is true.' })
  frequency?: DigestFrequency | null;

  @Field(() => String, { nullable: true, description: 'Any string; returned unchanged in the payload.' })
  clientMutationId?: string | null;
}

@ObjectType({ description: 'The result of updateDigestSubscription.' })
export class UpdateDigestSubscriptionPayload {
  @Field(() => DigestSubscription, { description: 'The subscription as it now stands.' })
  subscription!: DigestSubscriptionRecord;

  @Field(() => String, { nullable: true, description: 'The `clientMutationId` of the input, unchanged.' })
  clientMutationId?: string | null;
}

@Resolver(() => Viewer)
export class ViewerDigestResolver {
  @FieldResolver(() => DigestSubscription, {
    nullable: true,
    description: 'The digest subscription of your sign-in address (or one you made while signed in); null when there is none. Needs the `digest` scope.',
  })
  digestSubscription(@Ctx() ctx: RequestContext): Promise<DigestSubscriptionRecord | null> {
    return ctx.services.digestSubscriptions.viewerSubscription(ctx);
  }

  @Mutation(() => UpdateDigestSubscriptionPayload, {
    description:
      'Subscribes your sign-in address to the digest, changes its frequency, or ends it; no confirmation mail, since signing in proved the address. ' +
      'Needs the `digest` scope and an account made by email sign-in.',
  })
  async updateDigestSubscription(
    @Arg('input', () => UpdateDigestSubscriptionInput, { description: 'Subscribed or not, and the frequency.' }) input: UpdateDigestSubscriptionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateDigestSubscriptionPayload> {
    const subscription = await ctx.services.digestSubscriptions.updateForViewer(ctx, input);
    return { subscription, clientMutationId: input.clientMutationId };
  }
}

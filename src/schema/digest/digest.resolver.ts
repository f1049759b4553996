import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { ConfirmDigestSubscriptionInput, SubscribeToDigestInput, UnsubscribeFromDigestInput } from './digest.inputs';
import { ConfirmDigestSubscriptionPayload, SubscribeToDigestPayload, UnsubscribeFromDigestPayload } from './digest.payloads';

@Resolver()
export class DigestResolver {
  @Mutation(() => SubscribeToDigestPayload, {
    description:
      'Asks for the email digest of top papers (double opt-in): mails a confirmation link valid for 48 hours. No login needed. ' +
      'Asking again re-sends the link at most once per 10 minutes; a confirmed address is left as it is (unsubscribe first to change the frequency).',
  })
  async subscribeToDigest(
    @Arg('input', () => SubscribeToDigestInput, { description: 'The address and the frequency.' }) input: SubscribeToDigestInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SubscribeToDigestPayload> {
    const { email } = await ctx.services.digestSubscriptions.subscribe(ctx, input);
    return { email, clientMutationId: input.clientMutationId };
  }

  @Mutation(() => ConfirmDigestSubscriptionPayload, {
    description:
      'Confirms a subscription with the token from the confirmation mail. The token works once and for 48 hours; ' +
      'an unknown, expired or used token is a BAD_USER_INPUT error with argumentName "token" that does not say which.',
  })
  async confirmDigestSubscription(
    @Arg('input', () => ConfirmDigestSubscriptionInput, { description: 'The confirmation token.' }) input: ConfirmDigestSubscriptionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ConfirmDigestSubscriptionPayload> {
    const subscription = await ctx.services.digestSubscriptions.confirm(ctx, input.token);
    return { subscription, clientMutationId: input.clientMutationId };
  }

  @Mutation(() => UnsubscribeFromDigestPayload, {
    description:
      'Ends a subscription with the token from the unsubscribe link of any digest (or of the confirmation mail). No login needed. ' +
      'Using a token ends the subscription and voids every other link sent to it; an unknown or used token is a BAD_USER_INPUT error with argumentName "token".',
  })
  async unsubscribeFromDigest(
    @Arg('input', () => UnsubscribeFromDigestInput, { description: 'The unsubscribe token.' }) input: UnsubscribeFromDigestInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UnsubscribeFromDigestPayload> {
    const subscription = await ctx.services.digestSubscriptions.unsubscribe(ctx, input.token);
    return { subscription, clientMutationId: input.clientMutationId };
  }
}

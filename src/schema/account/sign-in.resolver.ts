import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { CompleteSignInInput, RequestSignInInput } from './sign-in.inputs';
import { CompleteSignInPayload, RequestSignInPayload } from './sign-in.payloads';

@Resolver()
export class SignInResolver {
  @Mutation(() => RequestSignInPayload, {
    description:
      'Mails a sign-in link (single use, valid 15 minutes). No login needed; the answer is the same whether or not the address has an account. ' +
      'Limited per address and per client address each hour like subscribeToDigest (RATE_LIMITED with retryAfterSeconds).',
  })
  async requestSignIn(
    @Arg('input', () => RequestSignInInput, { description: 'The address.' }) input: RequestSignInInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RequestSignInPayload> {
    const { email } = await ctx.services.signIn.requestSignIn(ctx, { email: input.email });
    return { email, clientMutationId: input.clientMutationId };
  }

  @Mutation(() => CompleteSignInPayload, {
    description:
      'Uses a sign-in link: returns a session token, creating the account on first use. An unknown, expired or used token is BAD_USER_INPUT (argumentName "token"); ' +
      'a new address without a handle is BAD_USER_INPUT (argumentName "handle") and a taken handle is CONFLICT, both leaving the link usable.',
  })
  async completeSignIn(
    @Arg('input', () => CompleteSignInInput, { description: 'The link token and, for a new account, a handle.' }) input: CompleteSignInInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CompleteSignInPayload> {
    const signedIn = await ctx.services.signIn.completeSignIn(ctx, input);
    return {
      token: signedIn.session.token,
      expiresAt: signedIn.session.listing.expiresAt!,
      user: signedIn.user,
      accountCreated: signedIn.created,
      clientMutationId: input.clientMutationId,
    };
  }
}

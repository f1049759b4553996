import { Arg, Ctx, FieldResolver, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { AccessTokenListing } from '../../services/access-token.service';
import { Viewer } from '../viewer/viewer.type';
import { CreatePersonalAccessTokenInput, RevokePersonalAccessTokenInput, SignOutInput } from './access-token.inputs';
import { CreatePersonalAccessTokenPayload, RevokePersonalAccessTokenPayload, SignOutPayload } from './access-token.payloads';
import { AccessToken } from './access-token.type';

@Resolver(() => Viewer)
export class AccessTokenResolver {
  @FieldResolver(() => [AccessToken], {
    description:
      "Your personal access tokens and sign-in sessions that still work, newest first. Needs the `read` scope and a token of your own (not an app's).",
  })
  tokens(@Ctx() ctx: RequestContext): Promise<AccessTokenListing[]> {
    return ctx.services.accessTokens.listViewerTokens(ctx);
  }

  @Mutation(() => CreatePersonalAccessTokenPayload, {
    description:
      'Makes a personal access token for scripts; the secret is in the payload only this once. Needs the `write` scope and a token of your own; ' +
      'the new token can have at most the scopes of the one making the request. At most 100 active personal tokens per person.',
  })
  async createPersonalAccessToken(
    @Arg('input', () => CreatePersonalAccessTokenInput, { description: 'Name, scopes and optional expiry.' }) input: CreatePersonalAccessTokenInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreatePersonalAccessTokenPayload> {
    const created = await ctx.services.accessTokens.createPersonalAccessToken(ctx, input);
    return { token: created.token, accessToken: created.listing, clientMutationId: input.clientMutationId };
  }

  @Mutation(() => RevokePersonalAccessTokenPayload, {
    description:
      'Revokes one of your tokens (or sessions) by prefix; NOT_FOUND for a prefix that is not yours. Revoking twice is harmless. Needs the `write` scope.',
  })
  async revokePersonalAccessToken(
    @Arg('input', () => RevokePersonalAccessTokenInput, { description: 'The prefix of the token to revoke.' }) input: RevokePersonalAccessTokenInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RevokePersonalAccessTokenPayload> {
    const accessToken = await ctx.services.accessTokens.revokeViewerToken(ctx, input.prefix);
    return { accessToken, clientMutationId: input.clientMutationId };
  }

  @Mutation(() => SignOutPayload, { description: 'Revokes the token this request is made with (usually a sign-in session). Needs authentication.' })
  async signOut(
    @Arg('input', () => SignOutInput, { nullable: true, description: 'Only a clientMutationId.' }) input: SignOutInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<SignOutPayload> {
    await ctx.services.accessTokens.signOut(ctx);
    return { signedOut: true, clientMutationId: input?.clientMutationId };
  }
}

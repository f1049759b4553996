import { Arg, Ctx, FieldResolver, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { OAuthAppRecord } from '../../services/oauth-app.service';
import type { AppAuthorizationRecord } from '../../services/oauth-grant.service';
import { Viewer } from '../viewer/viewer.type';
import { CreateOAuthAppInput, OAuthAppClientIdInput, UpdateOAuthAppInput } from './oauth-app.inputs';
import { OAuthAppPayload, OAuthAppSecretPayload } from './oauth-app.payloads';
import { AppAuthorization, OAuthApp } from './oauth-app.type';

const OWN_TOKEN = "Needs the `write` scope and a token of your own (not an app's).";

@Resolver(() => Viewer)
export class OAuthAppResolver {
  @FieldResolver(() => [OAuthApp], { description: 'The apps you registered, newest first (at most 20). Needs the `read` scope.' })
  oauthApps(@Ctx() ctx: RequestContext): Promise<OAuthAppRecord[]> {
    return ctx.services.oauthApps.listViewerApps(ctx);
  }

  @FieldResolver(() => [AppAuthorization], {
    description: 'The apps you authorised to act for you, most recent first. Needs the `read` scope and a token of your own.',
  })
  authorizedApps(@Ctx() ctx: RequestContext): Promise<AppAuthorizationRecord[]> {
    return ctx.services.oauthGrants.listAuthorizedApps(ctx);
  }

  @Mutation(() => OAuthAppSecretPayload, { description: `Registers an app; a confidential app's client secret is in the payload only this once. ${OWN_TOKEN}` })
  async createOAuthApp(
    @Arg('input', () => CreateOAuthAppInput, { description: 'The app.' }) input: CreateOAuthAppInput,
    @Ctx() ctx: RequestContext,
  ): Promise<OAuthAppSecretPayload> {
    const { app, clientSecret } = await ctx.services.oauthApps.createApp(ctx, input);
    return { app, clientSecret, clientMutationId: input.clientMutationId };
  }

  @Mutation(() => OAuthAppPayload, { description: `Changes one of your apps; NOT_FOUND for anyone else's. ${OWN_TOKEN}` })
  async updateOAuthApp(
    @Arg('input', () => UpdateOAuthAppInput, { description: 'The changes.' }) input: UpdateOAuthAppInput,
    @Ctx() ctx: RequestContext,
  ): Promise<OAuthAppPayload> {
    const app = await ctx.services.oauthApps.updateApp(ctx, input.clientId, {
      name: input.name ?? undefined,
      redirectUris: input.redirectUris ?? undefined,
      scopes: input.scopes ?? undefined,
    });
    return { app, clientMutationId: input.clientMutationId };
  }

  @Mutation(() => OAuthAppSecretPayload, {
    description: `Replaces a confidential app's client secret (shown only now); the old one stops working at once. ${OWN_TOKEN}`,
  })
  async rotateOAuthAppSecret(
    @Arg('input', () => OAuthAppClientIdInput, { description: 'The app.' }) input: OAuthAppClientIdInput,
    @Ctx() ctx: RequestContext,
  ): Promise<OAuthAppSecretPayload> {
    const { app, clientSecret } = await ctx.services.oauthApps.rotateSecret(ctx, input.clientId);
    return { app, clientSecret, clientMutationId: input.clientMutationId };
  }

  @Mutation(() => OAuthAppPayload, { description: `Deletes one of your apps and every token issued to it. ${OWN_TOKEN}` })
  async deleteOAuthApp(
    @Arg('input', () => OAuthAppClientIdInput, { description: 'The app.' }) input: OAuthAppClientIdInput,
    @Ctx() ctx: RequestContext,
  ): Promise<OAuthAppPayload> {
    return { app: await ctx.services.oauthApps.deleteApp(ctx, input.clientId), clientMutationId: input.clientMutationId };
  }

  @Mutation(() => OAuthAppPayload, {
    description: `Ends your authorization of an app: all its tokens for you stop working at once (401). NOT_FOUND if you never authorised it. ${OWN_TOKEN}`,
  })
  async revokeAppAuthorization(
    @Arg('input', () => OAuthAppClientIdInput, { description: 'The app.' }) input: OAuthAppClientIdInput,
    @Ctx() ctx: RequestContext,
  ): Promise<OAuthAppPayload> {
    return { app: await ctx.services.oauthGrants.revokeAuthorization(ctx, input.clientId), clientMutationId: input.clientMutationId };
  }
}

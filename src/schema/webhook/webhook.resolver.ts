import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { Page } from '../../lib/paging/page';
import { toGlobalId } from '../../lib/global-id';
import type { WebhookAttemptRecord, WebhookRecord } from '../../services/webhook.service';
import { ForwardConnectionArgs } from '../common/connection';
import { Viewer } from '../viewer/viewer.type';
import { WebhookDeliveryConnection } from './webhook.connection';
import { CreateWebhookInput, DeleteWebhookInput, UpdateWebhookInput } from './webhook.inputs';
import { CreateWebhookPayload, WebhookPayload } from './webhook.payloads';
import { Webhook } from './webhook.type';

const SCOPE = 'Needs the `webhooks` scope (a `write` token has it).';

@Resolver(() => Viewer)
export class ViewerWebhooksResolver {
  @FieldResolver(() => [Webhook], { description: `Your webhooks, oldest first (at most WEBHOOK_MAX_PER_USER, 10 by default). ${SCOPE}` })
  webhooks(@Ctx() ctx: RequestContext): Promise<WebhookRecord[]> {
    return ctx.services.webhooks.listViewerWebhooks(ctx);
  }

  @Mutation(() => CreateWebhookPayload, {
    description: `Registers a webhook; a generated secret is in the payload only this once. BAD_USER_INPUT (argumentName url, events, secret or input) when refused. ${SCOPE}`,
  })
  async createWebhook(
    @Arg('input', () => CreateWebhookInput, { description: 'The webhook.' }) input: CreateWebhookInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateWebhookPayload> {
    const { webhook, secret } = await ctx.services.webhooks.createWebhook(ctx, input);
    return { webhook, secret, clientMutationId: input.clientMutationId };
  }

  @Mutation(() => WebhookPayload, {
    description: `Changes one of your webhooks, or re-enables a disabled one (active: true); NOT_FOUND for anyone else's. ${SCOPE}`,
  })
  async updateWebhook(
    @Arg('input', () => UpdateWebhookInput, { description: 'The changes.' }) input: UpdateWebhookInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookPayload> {
    const webhook = await ctx.services.webhooks.updateWebhook(ctx, input.id, {
      url: input.url ?? undefined,
      events: input.events ?? undefined,
      secret: input.secret ?? undefined,
      active: input.active ?? undefined,
    });
    return { webhook, clientMutationId: input.clientMutationId };
  }

  @Mutation(() => WebhookPayload, { description: `Deletes one of your webhooks with its pending deliveries and history. ${SCOPE}` })
  async deleteWebhook(
    @Arg('input', () => DeleteWebhookInput, { description: 'The webhook.' }) input: DeleteWebhookInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookPayload> {
    return { webhook: await ctx.services.webhooks.deleteWebhook(ctx, input.id), clientMutationId: input.clientMutationId };
  }
}

@Resolver(() => Webhook)
export class WebhookFieldsResolver {
  @FieldResolver(() => ID, { description: 'Opaque id; pass it to updateWebhook and deleteWebhook.' })
  id(@Root() webhook: WebhookRecord): string {
    return toGlobalId('Webhook', webhook.id);
  }

  @FieldResolver(() => Int, { description: 'Events waiting to be delivered (or retried) to it.' })
  pendingDeliveryCount(@Root() webhook: WebhookRecord, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.services.webhooks.pendingDeliveryCount(webhook);
  }

  @FieldResolver(() => WebhookDeliveryConnection, { description: `Delivery attempts, newest first: status code, error, attempt number, times. ${SCOPE}` })
  deliveries(@Root() webhook: WebhookRecord, @Args() args: ForwardConnectionArgs, @Ctx() ctx: RequestContext): Promise<Page<WebhookAttemptRecord>> {
    return ctx.services.webhooks.deliveryAttempts(ctx, webhook, args);
  }
}

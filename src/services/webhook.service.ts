import { randomBytes } from 'node:crypto';
import { requireScope } from '../auth/require-scope';
import type { RequestContext } from '../context';
import type { Db } from '../db/client';
import type { Webhook as WebhookRecord, WebhookDeliveryAttempt, WebhookEvent } from '../db/generated/client';
import { keysetPage } from '../db/queries/keyset';
import { BadUserInputError, NotFoundError } from '../errors/errors';
import { fromGlobalId, toGlobalId } from '../lib/global-id';
import { cursorInteger, type KeysetOrdering } from '../lib/paging/keyset';
import type { ConnectionArgsInput, Page } from '../lib/paging/page';
import { toPageRequest } from '../lib/paging/page-request';
import { localIdOf } from './id-arguments';
import { checkWebhookTarget, parseWebhookUrl, systemResolver, WebhookAddressError, type HostResolver } from './webhook-address';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook-events';

export type { WebhookRecord };
type AttemptRow = WebhookDeliveryAttempt & { event: Pick<WebhookEvent, 'id' | 'type' | 'createdAt'> };

/** One delivery attempt as its owner sees it; ids as the delivery's headers and body carry them. */
export interface WebhookAttemptRecord extends Omit<WebhookDeliveryAttempt, 'deliveryId' | 'eventId'> {
  readonly deliveryId: string;
  readonly event: { readonly id: string; readonly type: string; readonly createdAt: Date };
}

/** The body's `id` of an event ("evt_912"), the same for every webhook and attempt. */
export const publicEventId = (id: number): string => `evt_${id}`;

/** The bounds and the address rule a registration is checked against (config WEBHOOK_*). */
export interface WebhookRules {
  readonly allowPrivate: boolean;
  readonly maxPerUser: number;
  readonly maxUrlLength: number;
}

export interface WebhookServiceDeps {
  readonly db: Db;
  readonly rules?: WebhookRules;
  readonly resolve?: HostResolver;
}

export interface WebhookInput {
  readonly url: string;
  readonly events: readonly string[];
  readonly secret?: string | null;
}

export interface WebhookChanges {
  readonly url?: string;
  readonly events?: readonly string[];
  readonly secret?: string;
  readonly active?: boolean;
}

// Without configuration (CLIs, tests that build services alone) the strict rule applies.
const STRICT_RULES: WebhookRules = { allowPrivate: false, maxPerUser: 10, maxUrlLength: 2048 };

const ATTEMPTS: KeysetOrdering<AttemptRow> = {
  kind: 'webhookDeliveries',
  keys: [{ field: 'id', direction: 'desc', read: (row) => row.id, parse: cursorInteger }],
};

/** Webhooks people register to hear about events (docs/webhooks.md): registration, changes, history. */
export class WebhookService {
  private readonly rules: WebhookRules;
  private readonly resolve: HostResolver;

  constructor(private readonly deps: WebhookServiceDeps) {
    this.rules = deps.rules ?? STRICT_RULES;
    this.resolve = deps.resolve ?? systemResolver;
  }

  /** Registers a webhook; `secret` is returned only when it was generated here (shown once). */
  async createWebhook(ctx: RequestContext, input: WebhookInput): Promise<{ webhook: WebhookRecord; secret: string | null }> {
    const viewer = requireScope(ctx.viewer, 'webhooks');
    const events = checkEvents(input.events);
    const given = input.secret == null ? null : checkSecret(input.secret);
    const url = await this.checkUrl(input.url);
    const { prisma } = this.deps.db;
    if ((await prisma.webhook.count({ where: { ownerId: viewer.userId } })) >= this.rules.maxPerUser) {
      throw new BadUserInputError('input', `You already have ${this.rules.maxPerUser} webhooks (WEBHOOK_MAX_PER_USER); delete one first.`);
    }
    const secret = given ?? `whsec_${randomBytes(32).toString('base64url')}`;
    const webhook = await prisma.webhook.create({ data: { ownerId: viewer.userId, url, events: [...events], secret } });
    return { webhook, secret: given ? null : secret };
  }

  /** The viewer's webhooks, oldest first (at most WEBHOOK_MAX_PER_USER). */
  async listViewerWebhooks(ctx: RequestContext): Promise<WebhookRecord[]> {
    const viewer = requireScope(ctx.viewer, 'webhooks');
    return this.deps.db.prisma.webhook.findMany({ where: { ownerId: viewer.userId }, orderBy: { id: 'asc' } });
  }

  /**
   * Changes a webhook. `active: true` re-enables a disabled one: its failure count starts over and
   * deliveries still pending go out at once, oldest first.
   */
  async updateWebhook(ctx: RequestContext, id: string, changes: WebhookChanges): Promise<WebhookRecord> {
    const webhook = await this.ownWebhook(ctx, id);
    const data = {
      ...(changes.url !== undefined && { url: await this.checkUrl(changes.url) }),
      ...(changes.events !== undefined && { events: [...checkEvents(changes.events)] }),
      ...(changes.secret !== undefined && { secret: checkSecret(changes.secret) }),
      ...(changes.active === false && { active: false, disabledReason: 'Disabled by its owner.', disabledAt: new Date() }),
      ...(changes.active === true && { active: true, disabledReason: null, disabledAt: null, consecutiveFailures: 0, failingSince: null }),
    };
    const { prisma } = this.deps.db;
    if (changes.active === true && !webhook.active) {
      const [, updated] = await prisma.$transaction([
        prisma.webhookDelivery.updateMany({ where: { webhookId: webhook.id, status: 'pending' }, data: { nextAttemptAt: new Date() } }),
        prisma.webhook.update({ where: { id: webhook.id }, data }),
      ]);
      return updated;
    }
    return Object.keys(data).length === 0 ? webhook : prisma.webhook.update({ where: { id: webhook.id }, data });
  }

  /** Deletes a webhook with its pending deliveries and history. */
  async deleteWebhook(ctx: RequestContext, id: string): Promise<WebhookRecord> {
    const webhook = await this.ownWebhook(ctx, id);
    await this.deps.db.prisma.webhook.delete({ where: { id: webhook.id } });
    return webhook;
  }

  /** Delivery attempts of one of the viewer's webhooks, newest first. */
  async deliveryAttempts(ctx: RequestContext, webhook: WebhookRecord, args: ConnectionArgsInput): Promise<Page<WebhookAttemptRecord>> {
    const viewer = requireScope(ctx.viewer, 'webhooks');
    if (webhook.ownerId !== viewer.userId) throw new NotFoundError('Webhook', toGlobalId('Webhook', webhook.id));
    const { prisma } = this.deps.db;
    const where = { webhookId: webhook.id };
    return keysetPage({
      ordering: ATTEMPTS,
      request: toPageRequest(args),
      where,
      find: (query) => prisma.webhookDeliveryAttempt.findMany({ ...query, include: { event: { select: { id: true, type: true, createdAt: true } } } }),
      count: () => prisma.webhookDeliveryAttempt.count({ where }),
      nodeOf: ({ deliveryId, eventId: _eventId, event, ...attempt }): WebhookAttemptRecord => ({
        ...attempt,
        deliveryId: String(deliveryId),
        event: { ...event, id: publicEventId(event.id) },
      }),
    });
  }

  /** Deliveries of the webhook not yet delivered or given up. */
  pendingDeliveryCount(webhook: WebhookRecord): Promise<number> {
    return this.deps.db.prisma.webhookDelivery.count({ where: { webhookId: webhook.id, status: 'pending' } });
  }

  private async ownWebhook(ctx: RequestContext, id: string): Promise<WebhookRecord> {
    const viewer = requireScope(ctx.viewer, 'webhooks');
    const global = fromGlobalId(id);
    const localId = global?.type === 'Webhook' ? localIdOf('Webhook', global.localId) : null;
    if (localId === null) throw new BadUserInputError('id', `"${id.slice(0, 100)}" is not a Webhook id.`);
    const webhook = await this.deps.db.prisma.webhook.findUnique({ where: { id: localId } });
    if (!webhook || webhook.ownerId !== viewer.userId) throw new NotFoundError('Webhook', id);
    return webhook;
  }

  private async checkUrl(text: string): Promise<string> {
    try {
      const url = parseWebhookUrl(text.trim(), this.rules.maxUrlLength);
      await checkWebhookTarget(url, { allowPrivate: this.rules.allowPrivate, resolve: this.resolve });
      return url.toString();
    } catch (error) {
      if (error instanceof WebhookAddressError) throw new BadUserInputError('url', error.message);
      throw error;
    }
  }
}

function checkEvents(events: readonly string[]): readonly WebhookEventType[] {
  const unique = [...new Set(events)];
  if (unique.length === 0) throw new BadUserInputError('events', 'Choose at least one event.');
  const unknown = unique.filter((event) => !WEBHOOK_EVENT_TYPES.includes(event));
  if (unknown.length > 0) throw new BadUserInputError('events', `Unknown events: ${unknown.join(', ')}.`);
  return unique as WebhookEventType[];
}

// The secret keys an HMAC the receiver recomputes: long enough not to be guessed, printable so it
// survives environment variables and config files.
function checkSecret(secret: string): string {
  if (secret.length < 16 || secret.length > 256 || !/^[\x21-\x7e]+$/.test(secret)) {
    throw new BadUserInputError('secret', 'A secret is 16–256 printable ASCII characters without spaces; omit it to have one generated.');
  }
  return secret;
}

import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../common/scalars';

// Internal values are the wire names of services/webhook-events.ts (the body's `type`).
export enum WebhookEventType {
  DAY_PUBLISHED = 'day.published',
  PAPER_SUBMITTED = 'paper.submitted',
  PAPER_UPVOTES_CROSSED = 'paper.upvotes_crossed',
  DIGEST_SENT = 'digest.sent',
}

registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: "What a webhook hears about; the delivery body's `type` and the `X-DailyPapers-Event` header carry the lower-case name. See docs/webhooks.md.",
  valuesConfig: {
    DAY_PUBLISHED: { description: '"day.published": a featured day got its first paper (once per day).' },
    PAPER_SUBMITTED: { description: '"paper.submitted": someone submitted a paper.' },
    PAPER_UPVOTES_CROSSED: { description: '"paper.upvotes_crossed": a paper\'s upvotes reached 10, 50, 100, 500 or 1000 (once per paper and threshold).' },
    DIGEST_SENT: { description: '"digest.sent": the email digest of a period went out (once per period).' },
  },
});

@ObjectType({ description: 'An HTTPS (or HTTP) endpoint of yours that receives signed POSTs when events happen. See docs/webhooks.md.' })
export class Webhook {
  @Field(() => String, { description: 'Where deliveries are POSTed.' })
  url!: string;

  @Field(() => [WebhookEventType], { description: 'The events it receives.' })
  events!: string[];

  @Field(() => Boolean, {
    description: 'False once disabled (by you, or after repeated failures: see disabledReason); updateWebhook with active: true turns it back on.',
  })
  active!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it was disabled; null while active.' })
  disabledReason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was disabled (UTC); null while active.' })
  disabledAt!: Date | null;

  @Field(() => Int, { description: 'Failed attempts since the last successful delivery.' })
  consecutiveFailures!: number;

  @Field(() => DateTimeScalar, { description: 'When it was registered (UTC).' })
  createdAt!: Date;
}

@ObjectType({ description: 'The event a delivery carries.' })
export class WebhookEventInfo {
  @Field(() => String, { description: 'The body\'s `id` ("evt_…"): the same for every webhook and every attempt; use it to ignore a repeated delivery.' })
  id!: string;

  @Field(() => WebhookEventType, { description: 'What happened.' })
  type!: string;

  @Field(() => DateTimeScalar, { description: 'When it happened (UTC).' })
  createdAt!: Date;
}

@ObjectType({ description: 'One attempt to deliver an event to a webhook: a POST and how it ended.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The `X-DailyPapers-Delivery` header: the same for every attempt of one event to one webhook.' })
  deliveryId!: string;

  @Field(() => WebhookEventInfo, { description: 'The event delivered.' })
  event!: WebhookEventInfo;

  @Field(() => Int, { description: 'Which attempt this was for the event, from 1.' })
  attempt!: number;

  @Field(() => Boolean, { description: 'True when your endpoint answered 2xx in time.' })
  succeeded!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'The HTTP status your endpoint answered; null when none came (refused address, connection error, timeout).',
  })
  statusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why it failed ("HTTP 500", "No response within 10000 ms", "Refused: …"); null on success.' })
  error!: string | null;

  @Field(() => Boolean, { description: 'True when another attempt is scheduled; false after a success or the last attempt (the event was given up).' })
  willRetry!: boolean;

  @Field(() => DateTimeScalar, { description: 'When the attempt started (UTC).' })
  startedAt!: Date;

  @Field(() => Int, { description: 'How long it took, in milliseconds.' })
  durationMs!: number;
}

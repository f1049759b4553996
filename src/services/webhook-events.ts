/**
 * The events a webhook can subscribe to; the value is the `type` of a delivery's body and the
 * `X-DailyPapers-Event` header. Database triggers record them (migration 20261201010000_webhooks).
 */
export enum WebhookEventType {
  DAY_PUBLISHED = 'day.published',
  PAPER_SUBMITTED = 'paper.submitted',
  PAPER_UPVOTES_CROSSED = 'paper.upvotes_crossed',
  DIGEST_SENT = 'digest.sent',
}

export const WEBHOOK_EVENT_TYPES: readonly string[] = Object.values(WebhookEventType);

/** The upvote counts that emit paper.upvotes_crossed, as the trigger has them. */
export const UPVOTE_THRESHOLDS = [10, 50, 100, 500, 1000] as const;

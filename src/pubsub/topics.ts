// Event names and payloads. Payloads carry ids and primitives only: they cross Redis as JSON,
// and subscribers load what they need with their own (fresh) loaders.

export const Topic = {
  PaperUpvoted: 'PAPER_UPVOTED',
  PaperSubmitted: 'PAPER_SUBMITTED',
} as const;

export type Topic = (typeof Topic)[keyof typeof Topic];

export interface PaperUpvotedPayload {
  readonly paperId: string;
  /** The count right after the change that caused the event. */
  readonly upvoteCount: number;
}

export interface PaperSubmittedPayload {
  readonly paperId: string;
  /** The featured day, YYYY-MM-DD. */
  readonly day: string;
}

export interface TopicPayloads {
  [Topic.PaperUpvoted]: PaperUpvotedPayload;
  [Topic.PaperSubmitted]: PaperSubmittedPayload;
}

export const ALL_TOPICS: readonly Topic[] = Object.values(Topic);

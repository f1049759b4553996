import type { AppPubSub } from '../../pubsub/app-pubsub';
import { Topic } from '../../pubsub/topics';
import type { ResponseCache } from './response-cache';

// The events after which a stored response may be wrong. With Redis they arrive from every
// instance, so an upvote on one instance clears the caches of all of them.
const CHANGES = [Topic.PaperUpvoted, Topic.PaperSubmitted] as const;

/** Invalidates the cache on every change event until the returned function is called. */
export function invalidateOnEvents(pubsub: AppPubSub, cache: ResponseCache): () => void {
  const unlisten = CHANGES.map((topic) => pubsub.listen(topic, () => cache.invalidate()));
  return () => unlisten.forEach((stop) => stop());
}

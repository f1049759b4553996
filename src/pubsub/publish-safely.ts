import type { Logger } from '../observability/logger';
import type { AppPubSub } from './create-pubsub';
import type { TopicPayloads } from './topics';

/**
 * Publishes an event for a write that has already committed. A pub/sub outage must not turn a
 * successful write into an error (the client would retry a write that happened), so failures
 * are logged, and subscribers catch up on their next event.
 */
export async function publishSafely<T extends keyof TopicPayloads>(pubsub: AppPubSub, log: Logger, topic: T, payload: TopicPayloads[T]): Promise<void> {
  try {
    await pubsub.publish(topic, payload);
  } catch (error) {
    log.warn({ err: error, topic, payload }, 'event not published');
  }
}

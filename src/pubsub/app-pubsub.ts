import type { FanOutStats } from './fan-out';
import type { TopicPayloads } from './topics';

/**
 * The pub/sub the services publish to and TypeGraphQL subscribes through (it satisfies
 * type-graphql's PubSub interface). publish() resolves once the event has been handed to every
 * local subscriber queue (in-process) or to Redis; it never waits for a subscriber to consume it.
 */
export interface AppPubSub {
  publish<T extends keyof TopicPayloads>(topic: T, payload: TopicPayloads[T]): Promise<void>;
  subscribe(topic: string): AsyncIterableIterator<unknown>;
  /** Calls listener with each event of the topic as it is delivered here; returns the unlistener. */
  listen<T extends keyof TopicPayloads>(topic: T, listener: (payload: TopicPayloads[T]) => void): () => void;
  stats(): FanOutStats;
  close(): Promise<void>;
}

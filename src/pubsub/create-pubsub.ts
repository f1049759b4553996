import { Redis } from 'ioredis';
import type { Logger } from '../observability/logger';
import type { AppPubSub } from './app-pubsub';
import { FanOut } from './fan-out';
import { createInProcessPubSub } from './in-process-pubsub';
import { ALL_TOPICS } from './topics';

export type { AppPubSub } from './app-pubsub';
export { createInProcessPubSub } from './in-process-pubsub';

export interface PubSubOptions {
  /** redis:// or rediss://; absent: in-process only (a single instance). */
  readonly redisUrl?: string;
  /** Prefix of the Redis channel names, so deployments (or test runs) sharing a Redis stay apart. */
  readonly channelPrefix?: string;
  readonly log: Logger;
}

export async function createPubSub(options: PubSubOptions): Promise<AppPubSub> {
  return options.redisUrl ? createRedisPubSub(options.redisUrl, options.channelPrefix ?? 'daily-papers', options.log) : createInProcessPubSub();
}

/**
 * Every instance publishes to Redis and delivers what it receives from Redis (its own events
 * included), so all instances see the same events in the same order. A Redis connection in
 * subscriber mode can't publish, hence two connections.
 */
async function createRedisPubSub(url: string, channelPrefix: string, log: Logger): Promise<AppPubSub> {
  const fanOut = new FanOut();
  const channel = (topic: string) => `${channelPrefix}:${topic}`;
  const topicOf = new Map(ALL_TOPICS.map((topic) => [channel(topic), topic]));
  // maxRetriesPerRequest bounds how long a publish waits while Redis is unreachable.
  const publisher = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
  const subscriber = new Redis(url, { lazyConnect: true });
  for (const connection of [publisher, subscriber]) {
    connection.on('error', (error) => log.warn({ err: error }, 'redis pub/sub connection error'));
  }
  subscriber.on('message', (name: string, message: string) => {
    const topic = topicOf.get(name);
    if (!topic) return;
    try {
      fanOut.deliver(topic, JSON.parse(message));
    } catch (error) {
      log.warn({ err: error, channel: name }, 'dropped a malformed pub/sub message');
    }
  });
  await Promise.all([publisher.connect(), subscriber.connect()]);
  // Subscribed before the app serves anything, so no event published after start is missed.
  await subscriber.subscribe(...topicOf.keys());
  return {
    async publish(topic, payload) {
      await publisher.publish(channel(topic), JSON.stringify(payload));
    },
    subscribe: (topic) => fanOut.subscribe(topic),
    listen: (topic, listener) => fanOut.listen(topic, listener as (payload: unknown) => void),
    stats: () => fanOut.stats(),
    async close() {
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}

import type { AppPubSub } from './app-pubsub';
import { FanOut } from './fan-out';

/** A single instance's pub/sub: events reach this process's subscribers only. */
export function createInProcessPubSub(): AppPubSub {
  const fanOut = new FanOut();
  return {
    async publish(topic, payload) {
      fanOut.deliver(topic, payload);
    },
    subscribe: (topic) => fanOut.subscribe(topic),
    listen: (topic, listener) => fanOut.listen(topic, listener as (payload: unknown) => void),
    stats: () => fanOut.stats(),
    async close() {},
  };
}

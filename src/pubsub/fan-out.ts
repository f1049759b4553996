// In-process delivery to subscribers. Each subscriber has its own bounded queue, so publishing
// never waits for a consumer: a slow or dead websocket only fills its own queue, which then
// drops its oldest events (for counts the newest event is the one that matters).

export const DEFAULT_QUEUE_CAPACITY = 256;

export interface FanOutStats {
  readonly subscribers: number;
  /** Events dropped from full queues since start. */
  readonly dropped: number;
}

interface Subscriber {
  readonly queue: unknown[];
  wake: ((result: IteratorResult<unknown>) => void) | null;
}

export class FanOut {
  private readonly topics = new Map<string, Set<Subscriber>>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private dropped = 0;

  constructor(private readonly capacity = DEFAULT_QUEUE_CAPACITY) {}

  deliver(topic: string, payload: unknown): void {
    for (const listener of this.listeners.get(topic) ?? []) listener(payload);
    for (const subscriber of this.topics.get(topic) ?? []) {
      if (subscriber.wake) {
        const wake = subscriber.wake;
        subscriber.wake = null;
        wake({ value: payload, done: false });
      } else {
        if (subscriber.queue.length >= this.capacity) {
          subscriber.queue.shift();
          this.dropped += 1;
        }
        subscriber.queue.push(payload);
      }
    }
  }

  /** An async iterator of the topic's events; return() (graphql-ws calls it on complete/close) unsubscribes. */
  subscribe(topic: string): AsyncIterableIterator<unknown> {
    const subscriber: Subscriber = { queue: [], wake: null };
    let set = this.topics.get(topic);
    if (!set) this.topics.set(topic, (set = new Set()));
    set.add(subscriber);
    const finish = (): IteratorResult<unknown> => {
      set.delete(subscriber);
      if (set.size === 0 && this.topics.get(topic) === set) this.topics.delete(topic);
      subscriber.queue.length = 0;
      const wake = subscriber.wake;
      subscriber.wake = null;
      wake?.({ value: undefined, done: true });
      return { value: undefined, done: true };
    };
    const iterator: AsyncIterableIterator<unknown> = {
      next: () => {
        if (subscriber.queue.length > 0) return Promise.resolve({ value: subscriber.queue.shift(), done: false });
        if (!set.has(subscriber)) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          subscriber.wake = resolve;
        });
      },
      return: () => Promise.resolve(finish()),
      throw: (error?: unknown) => {
        finish();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /**
   * Calls `listener` synchronously with every event of the topic, for the server's own
   * reactions (cache invalidation); not a subscriber, so not in stats(). Returns the unlistener.
   */
  listen(topic: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  stats(): FanOutStats {
    let subscribers = 0;
    for (const set of this.topics.values()) subscribers += set.size;
    return { subscribers, dropped: this.dropped };
  }
}

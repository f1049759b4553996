import type { Client } from 'graphql-ws';
import { connectWs } from './ws-client';

export interface Subscriber {
  readonly client: Client;
  readonly events: Array<Record<string, any>>;
  /** Resolves with the events once `count` have arrived; rejects after timeoutMs. */
  waitFor(count: number, timeoutMs?: number): Promise<Array<Record<string, any>>>;
  close(): Promise<void>;
}

/** A graphql-ws client subscribed to one operation; resolves once the server acknowledged the subscription's connection. */
export async function subscribe(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  connectionParams: Record<string, unknown> = {},
): Promise<Subscriber> {
  const events: Array<Record<string, any>> = [];
  const waiters: Array<() => void> = [];
  let failure: unknown;
  const { client, connected: ack } = connectWs(baseUrl, connectionParams);
  client.subscribe(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) failure = new Error(JSON.stringify(value.errors));
        else events.push(value.data as Record<string, any>);
        waiters.splice(0).forEach((wake) => wake());
      },
      error: (error) => {
        failure = error;
        waiters.splice(0).forEach((wake) => wake());
      },
      complete: () => undefined,
    },
  );
  await ack;
  return {
    client,
    events,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        if (failure) throw failure instanceof Error ? failure : new Error(`subscription failed: ${JSON.stringify(failure)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} events, got ${events.length}: ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return events;
    },
    async close() {
      await client.dispose();
    },
  };
}

/** Polls until check() holds (or fails after timeoutMs); for state that settles asynchronously. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

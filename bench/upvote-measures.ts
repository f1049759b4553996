import { performance } from 'node:perf_hooks';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

// The two upvote measurements, shared by bench/upvotes.ts (standalone, in-process server) and the
// scenarios in bench/scenarios (npm run bench, server in its own process). `url` ends in /graphql.

export const UPVOTE = `mutation ($id: ID!) { upvotePaper(input: { paperId: $id }) { paper { upvoteCount } } }`;
export const REMOVE = `mutation ($id: ID!) { removeUpvote(input: { paperId: $id }) { paper { upvoteCount } } }`;
const ON_UPVOTE = `subscription ($id: ID) { paperUpvoted(paperId: $id) { upvoteCount paper { id upvoteCount } } }`;

export interface Measured {
  readonly latenciesMs: number[];
  readonly errors: number;
  readonly seconds: number;
}

async function post(url: string, query: string, variables: Record<string, unknown>, token: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (!response.ok || body.errors) throw new Error(JSON.stringify(body.errors ?? response.status));
}

/** One client per token, each alternating upvotePaper and removeUpvote (every request writes) until durationMs. */
export async function measureUpvoteThroughput(url: string, tokens: readonly string[], paperIds: readonly string[], durationMs: number): Promise<Measured> {
  const latenciesMs: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + durationMs;
  await Promise.all(
    tokens.map(async (token, client) => {
      for (let n = 0; performance.now() < until; n += 1) {
        const paper = paperIds[(client * 7 + Math.floor(n / 2)) % paperIds.length];
        const sent = performance.now();
        try {
          await post(url, n % 2 === 0 ? UPVOTE : REMOVE, { id: paper }, token);
        } catch {
          errors += 1;
        }
        latenciesMs.push(performance.now() - sent);
      }
    }),
  );
  return { latenciesMs, errors, seconds: (performance.now() - started) / 1000 };
}

/**
 * `subscribers` graphql-ws clients follow one paper; `events` upvotes/removals are made one after
 * another. Latency = a subscriber's arrival time minus the arrival of the mutation's HTTP response
 * (0 when the event beat the response). Warm-up events first prove every subscription is live.
 * Errors count deliveries that did not arrive within 10 s.
 */
export async function measureFanOut(url: string, token: string, paperId: string, subscribers: number, events: number): Promise<Measured> {
  const arrivals: number[][] = Array.from({ length: events + 1 }, () => []);
  // Each subscriber counts its events; `baseline` is its count once every subscription is live.
  const states = Array.from({ length: subscribers }, () => ({ seen: 0, baseline: -1 }));
  let subscribeErrors = 0;
  const clients = states.map((state) => {
    const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    client.subscribe(
      { query: ON_UPVOTE, variables: { id: paperId } },
      {
        next: () => {
          state.seen += 1;
          const index = state.baseline < 0 ? -1 : state.seen - state.baseline;
          if (index >= 1 && index <= events) arrivals[index].push(performance.now());
        },
        error: (error) => {
          subscribeErrors += 1;
          if (subscribeErrors === 1) console.warn('subscription failed:', error instanceof Error ? error.message : JSON.stringify(error));
        },
        complete: () => undefined,
      },
    );
    return client;
  });
  const latenciesMs: number[] = [];
  let errors = 0;
  let upvoted = await toggle(url, token, paperId, false);
  const started = performance.now();
  try {
    // Subscriptions start asynchronously: toggle until every subscriber has had an event, then let
    // in-flight events settle before taking each subscriber's baseline.
    for (let attempt = 0; states.some((state) => state.seen === 0); attempt += 1) {
      if (attempt === 120) throw new Error(`only ${states.filter((state) => state.seen > 0).length} of ${subscribers} subscriptions became live`);
      upvoted = await toggle(url, token, paperId, !upvoted);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const state of states) state.baseline = state.seen;
    for (let e = 1; e <= events; e += 1) {
      upvoted = await toggle(url, token, paperId, !upvoted);
      const responded = performance.now();
      const deadline = responded + 10_000;
      while (arrivals[e].length < subscribers && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
      errors += subscribers - arrivals[e].length;
      for (const at of arrivals[e]) latenciesMs.push(Math.max(0, at - responded));
    }
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
  }
  return { latenciesMs, errors, seconds: (performance.now() - started) / 1000 };
}

/** Sets the token user's upvote on the paper; returns the new state. Each actual change publishes one event. */
async function toggle(url: string, token: string, paperId: string, upvote: boolean): Promise<boolean> {
  await post(url, upvote ? UPVOTE : REMOVE, { id: paperId }, token);
  return upvote;
}

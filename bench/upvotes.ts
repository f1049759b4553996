import 'reflect-metadata';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config/load-config';
import { createDb } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { IdentityService } from '../src/services/identity.service';
import { measureFanOut, measureUpvoteThroughput, type Measured } from './upvote-measures';

// Upvote scenarios for `npm run bench:upvotes -- [clients] [durationMs] [subscribers] [events]`:
//  1. upvote mutation throughput: CLIENTS concurrent HTTP clients alternate upvotePaper and
//     removeUpvote (so every request writes) for DURATION_MS; requests/s and latency percentiles.
//  2. fan-out: SUBSCRIBERS graphql-ws clients subscribe to one paper; EVENTS upvotes are made one
//     after another; delivery latency = arrival at a subscriber - arrival of the mutation's response.
// Runs against DATABASE_URL (PostgreSQL) when set, else an in-memory PGlite; the clients share the
// server's process and event loop, so the figures include the clients' own cost.

const CLIENTS = Number(process.argv[2] ?? 32);
const DURATION_MS = Number(process.argv[3] ?? 10_000);
const SUBSCRIBERS = Number(process.argv[4] ?? 1000);
const EVENTS = Number(process.argv[5] ?? 20);

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  // One client address opens every socket and sends every request here, so the per-address
  // limits a public deployment needs are lifted for the measurement.
  const config = loadConfig({
    WS_MAX_CONNECTIONS: '100000',
    WS_MAX_CONNECTIONS_PER_IP: '100000',
    RATE_LIMIT_IP_POINTS: '1000000000',
    RATE_LIMIT_USER_POINTS: '1000000000',
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    DATA_DIR: 'memory://',
  });
  const db = await createDb({ databaseUrl: config.databaseUrl, dataDir: 'memory://', poolSize: config.dbPoolSize });
  await migrate(db);
  const run = Date.now().toString(36);
  const day = new Date('2025-06-01T00:00:00Z');
  await db.prisma.day.upsert({ where: { date: day }, create: { date: day }, update: {} });
  const papers = Array.from({ length: 200 }, (_, i) => `2506.${run.slice(-2).replace(/\D/g, '0').padStart(2, '0')}${String(i).padStart(3, '0')}`);
  await db.prisma.paper.createMany({ data: papers.map((id) => ({ id, title: id, abstract: id, dayDate: day })), skipDuplicates: true });
  const identity = new IdentityService({ db });
  const tokens: string[] = [];
  for (let i = 0; i < CLIENTS; i += 1) tokens.push((await identity.createUser(`bench-${run}-${i}`)).token.token);

  const app = await createApp({ ...config, migrateOnStart: false }, { db });
  const url = await app.start();
  console.log(`engine: ${db.engine}; ${CLIENTS} clients for ${DURATION_MS} ms; ${SUBSCRIBERS} subscribers × ${EVENTS} events`);

  const table = (name: string, result: Measured) => {
    const sorted = [...result.latenciesMs].sort((a, b) => a - b);
    return {
      scenario: name,
      samples: sorted.length,
      errors: result.errors,
      'per s': Math.round(sorted.length / result.seconds),
      'p50 ms': +percentile(sorted, 50).toFixed(1),
      'p99 ms': +percentile(sorted, 99).toFixed(1),
      'max ms': +(sorted.at(-1) ?? NaN).toFixed(1),
    };
  };
  const throughput = await measureUpvoteThroughput(`${url}/graphql`, tokens, papers, DURATION_MS);
  const fanOut = await measureFanOut(`${url}/graphql`, tokens[0], papers[0], SUBSCRIBERS, EVENTS);
  console.table([table('upvote/removeUpvote mutation', throughput), table(`fan-out to ${SUBSCRIBERS} subscribers (per delivery)`, fanOut)]);
  await eventuallyZero(() => app.websocket.activeSubscriptions());
  await app.stop();
  await db.prisma.upvote.deleteMany({ where: { paperId: { in: papers } } });
  await db.close();
}

async function eventuallyZero(count: () => number): Promise<void> {
  for (let i = 0; i < 100 && count() > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  if (count() > 0) console.warn(`${count()} subscriptions still open after the clients disconnected`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatTable, runLoad, type Measured } from './load';
import { PostgresCpu, processCpuMs, processRssMb } from './proc-cpu';
import type { BenchFixtures, Scenario } from './scenario';
import { prewarm } from './prewarm';
import { DEFAULT_SERVER, startServer, type RunningServer } from './server';

// npm run bench -- [--clients 32] [--duration 10] [--warmup 2] [--rounds 1] [--only day-feed,search]
//                  [--papers 20000] [--cache on|off|both] [--build before=/path/to/dist/main.js …] [--no-floor]
//                  [--cpu-prof DIR]
// Against DATABASE_URL when set (fill it first with `npm run db:synthetic`); otherwise builds an
// embedded PGlite database of --papers synthetic papers in a temporary directory. --cache both
// (the default) runs every scenario with the response cache as deployed and again with it off
// (RESPONSE_CACHE_TTL_SECONDS=0), so the table shows what the cache buys and what execution costs.
// With DATABASE_URL the floor (bench/floor.ts: one SQL statement per request, no GraphQL) answers
// the scenarios marked `floor`, in the same run. Each --build label=script adds a server build to
// compare (this checkout's dist/main.js is "this"); rounds alternate the targets and the table
// shows each figure's median over the rounds.

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

function options(name: string): string[] {
  return process.argv.flatMap((arg, i) => (arg === `--${name}` && process.argv[i + 1] ? [process.argv[i + 1]] : []));
}

function loadScenarios(only: string | undefined): Scenario[] {
  const dir = join(__dirname, 'scenarios');
  const order = ['day-feed', 'day-feed-signed-in', 'author-page', 'author-page-signed-in', 'paper-detail', 'search', 'trending-week'];
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.ts') || file.endsWith('.js'))
    .map((file) => file.replace(/\.(ts|js)$/, ''))
    .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
  return files
    .filter((file) => !only || only.split(',').some((name) => file.includes(name)))
    .map((file) => (require(join(dir, file)) as { scenario: Scenario }).scenario);
}

async function graphql(url: string, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(`setup query failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The server's response-cache counters, from its Prometheus endpoint (zeros for the floor). */
async function cacheCounters(graphqlUrl: string): Promise<{ hit: number; miss: number }> {
  const response = await fetch(new URL('/metrics', graphqlUrl));
  if (!response.ok) return { hit: 0, miss: 0 };
  const text = await response.text();
  const read = (event: string) => Number(new RegExp(`^graphql_response_cache_total\\{event="${event}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return { hit: read('hit'), miss: read('miss') };
}

async function fixtures(url: string): Promise<BenchFixtures> {
  const data = await graphql(url, '{ days(first: 100) { nodes { date papers(first: 10) { nodes { arxivId title authors { id } } } } } }');
  const days: string[] = data.days.nodes.map((d: any) => d.date);
  const papers = data.days.nodes.flatMap((d: any) => d.papers.nodes);
  const paperIds: string[] = papers.map((p: any) => p.arxivId);
  const titles: string[] = papers.map((p: any) => p.title);
  const authorIds = [...new Set<string>(papers.flatMap((p: any) => p.authors.map((a: any) => a.id)))].slice(0, 500);
  if (days.length === 0 || paperIds.length === 0) throw new Error('the database holds no papers: run npm run db:synthetic first');
  return { days, paperIds, titles, authorIds, graphql: (query, variables, headers) => graphql(url, query, variables, headers) };
}

/** One server the load is pointed at: a build with its cache on or off, or the floor. */
interface Target {
  readonly label: string;
  readonly cache: 'on' | 'off' | '-';
  readonly floor: boolean;
  start(): Promise<RunningServer>;
}

/** --cpu-prof DIR: product servers write a V8 CPU profile there when they stop (open it in Chrome DevTools). */
function profileArgs(): string[] {
  const dir = option('cpu-prof', '');
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(dir)}`] : [];
}

function targetsOf(env: Record<string, string>, withFloor: boolean): Target[] {
  const builds = [
    ...options('build').map((spec) => {
      const [label, script] = spec.split('=');
      if (!label || !script) throw new Error(`--build takes label=path/to/dist/main.js, not "${spec}"`);
      return { label, script: resolve(script) };
    }),
    { label: 'this', script: DEFAULT_SERVER },
  ];
  const cacheModes = (() => {
    const mode = option('cache', 'both');
    if (mode === 'both') return ['on', 'off'] as const;
    if (mode === 'on' || mode === 'off') return [mode] as const;
    throw new Error(`--cache must be on, off or both, not "${mode}"`);
  })();
  const targets: Target[] = cacheModes.flatMap((cache) =>
    builds.map((build) => ({
      label: builds.length > 1 ? build.label : 'project',
      cache,
      floor: false,
      start: () => startServer({ ...env, ...(cache === 'off' && { RESPONSE_CACHE_TTL_SECONDS: '0' }) }, build.script, profileArgs()),
    })),
  );
  if (withFloor) {
    targets.push({
      label: 'floor',
      cache: '-',
      floor: true,
      start: () => startServer(env, join(__dirname, 'floor.ts'), ['-r', join(__dirname, 'register-ts.js')]),
    });
  }
  return targets;
}

/**
 * The floor must answer what the product answers, or its rate means nothing: the product's
 * response to a scenario's first request is kept, and the floor's must parse to the same JSON.
 */
async function compareWithFloor(scenario: Scenario, setup: BenchFixtures, url: string, isFloor: boolean, expected: Map<string, string>): Promise<void> {
  if (!scenario.floor || (!isFloor && expected.has(scenario.name))) return;
  const state = await scenario.prepare?.(setup);
  const request = scenario.request!(setup, state, 0, 0);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...request.headers },
    body: JSON.stringify({ query: request.query, variables: request.variables }),
  });
  const body = JSON.stringify(await response.json());
  if (!isFloor) expected.set(scenario.name, body);
  else if (expected.has(scenario.name) && expected.get(scenario.name) !== body) throw new Error('the floor answered differently from the product');
}

async function main(): Promise<void> {
  const clients = Number(option('clients', '32'));
  const durationMs = Number(option('duration', '10')) * 1000;
  const warmupMs = Number(option('warmup', '2')) * 1000;
  const rounds = Number(option('rounds', '1'));
  const scenarios = loadScenarios(process.argv.includes('--only') ? option('only', '') : undefined);
  let env: Record<string, string> = {};
  let cleanup = () => {};
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
    const papers = option('papers', '20000');
    console.log(`DATABASE_URL is not set: filling an embedded database with ${papers} synthetic papers in ${dataDir}`);
    const fill = spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'cli', 'synthetic.js'), '--papers', papers], {
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: 'inherit',
    });
    if (fill.status !== 0) throw new Error('synthetic fill failed');
    env = { DATA_DIR: dataDir };
    cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  }
  const withFloor = Boolean(databaseUrl) && !process.argv.includes('--no-floor') && scenarios.some((s) => s.floor);
  const targets = targetsOf(env, withFloor);
  const postgresCpu = databaseUrl ? await PostgresCpu.connect(databaseUrl) : null;
  if (databaseUrl && !postgresCpu) console.log('  (PostgreSQL runs elsewhere: no PostgreSQL CPU figures)');
  const results: Measured[] = [];
  // The product's answer to each floor scenario's first request, to check the floor against.
  const expected = new Map<string, string>();
  let setup: BenchFixtures | undefined;
  let prewarmed = false;
  try {
    for (let round = 1; round <= rounds; round += 1) {
      // One server at a time (PGlite's directory belongs to one process), all scenarios, then the next target.
      for (const target of targets) {
        const server = await target.start();
        try {
          // Fixtures and signed-in readers are read through the first product server and shared;
          // readers upvote papers, so they exist before any answer is kept for the floor check.
          if (!setup) {
            setup = await fixtures(server.url);
            for (const scenario of scenarios) if (scenario.floor) await scenario.prepare?.(setup);
          }
          const rssAtStart = processRssMb(server.pid);
          console.log(
            `round ${round}/${rounds}, ${target.label}${target.cache === '-' ? '' : `, response cache ${target.cache}`}: ${clients} clients, ${durationMs / 1000} s per scenario (after ${warmupMs / 1000} s warm-up), RSS ${rssAtStart.toFixed(0)} MB at start`,
          );
          for (const scenario of scenarios) {
            if (target.floor && !scenario.floor) continue;
            // One failing scenario must not cost the figures of the others.
            try {
              if (databaseUrl) {
                const mb = await prewarm(databaseUrl);
                if (mb === null && !prewarmed) console.log('  (pg_prewarm is not available: the figures may include reads from disk)');
                else if (!prewarmed) console.log(`  pg_prewarm read ${mb} MB before each scenario`);
                prewarmed = true;
              }
              await compareWithFloor(scenario, setup, server.url, target.floor, expected);
              if (warmupMs > 0) await runLoad(scenario, setup, { url: server.url, clients, durationMs: warmupMs });
              const counters = await cacheCounters(server.url);
              const serverCpu = processCpuMs(server.pid);
              const pgCpu = await postgresCpu?.snapshot();
              const result = await runLoad(scenario, setup, { url: server.url, clients, durationMs });
              const pgCpuMs = pgCpu && postgresCpu ? PostgresCpu.between(pgCpu, await postgresCpu.snapshot()) : undefined;
              const serverCpuMs = processCpuMs(server.pid) - serverCpu;
              const after = await cacheCounters(server.url);
              const lookups = after.hit - counters.hit + (after.miss - counters.miss);
              results.push({
                ...result,
                target: target.label,
                cache: target.cache,
                round,
                hitRate: lookups > 0 ? (after.hit - counters.hit) / lookups : undefined,
                serverCpuMs,
                pgCpuMs,
                rssMb: processRssMb(server.pid),
              });
              console.log(`  ${scenario.name}: ${(result.requests / result.seconds).toFixed(0)} req/s, RSS ${processRssMb(server.pid).toFixed(0)} MB`);
            } catch (error) {
              console.error(`  ${scenario.name}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
            }
          }
        } finally {
          await server.stop();
        }
      }
    }
  } finally {
    await postgresCpu?.close();
    cleanup();
  }
  console.log(`\n${formatTable(results)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

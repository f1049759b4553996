import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTable, runLoad, type LoadResult } from './load';
import type { BenchFixtures, Scenario } from './scenario';
import { prewarm } from './prewarm';
import { startServer } from './server';

// npm run bench -- [--clients 32] [--duration 10] [--warmup 2] [--only day-feed,search] [--papers 20000] [--cache on|off|both]
// Against DATABASE_URL when set (fill it first with `npm run db:synthetic`); otherwise builds an
// embedded PGlite database of --papers synthetic papers in a temporary directory. --cache both
// (the default) runs every scenario with the response cache as deployed and again with it off
// (RESPONSE_CACHE_TTL_SECONDS=0), so the table shows what the cache buys and what execution costs.

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

function loadScenarios(only: string | undefined): Scenario[] {
  const dir = join(__dirname, 'scenarios');
  const order = ['day-feed', 'paper-detail', 'author-page', 'search', 'trending-week'];
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.ts') || file.endsWith('.js'))
    .map((file) => file.replace(/\.(ts|js)$/, ''))
    .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
  return files
    .filter((file) => !only || only.split(',').some((name) => file.includes(name)))
    .map((file) => (require(join(dir, file)) as { scenario: Scenario }).scenario);
}

async function graphql(url: string, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(`setup query failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The server's response-cache counters, from its Prometheus endpoint. */
async function cacheCounters(graphqlUrl: string): Promise<{ hit: number; miss: number }> {
  const text = await (await fetch(new URL('/metrics', graphqlUrl))).text();
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

async function main(): Promise<void> {
  const clients = Number(option('clients', '32'));
  const durationMs = Number(option('duration', '10')) * 1000;
  const warmupMs = Number(option('warmup', '2')) * 1000;
  const scenarios = loadScenarios(process.argv.includes('--only') ? option('only', '') : undefined);
  let env: Record<string, string> = {};
  let cleanup = () => {};
  if (!process.env.DATABASE_URL) {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
    const papers = option('papers', '20000');
    console.log(`DATABASE_URL is not set: filling an embedded database with ${papers} synthetic papers in ${dataDir}`);
    const fill = spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'cli', 'synthetic.js'), '--papers', papers], { env: { ...process.env, DATA_DIR: dataDir }, stdio: 'inherit' });
    if (fill.status !== 0) throw new Error('synthetic fill failed');
    env = { DATA_DIR: dataDir };
    cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  }
  const cacheModes = (() => {
    const mode = option('cache', 'both');
    if (mode === 'both') return ['on', 'off'] as const;
    if (mode === 'on' || mode === 'off') return [mode] as const;
    throw new Error(`--cache must be on, off or both, not "${mode}"`);
  })();
  const results: LoadResult[] = [];
  let prewarmed = false;
  try {
    for (const cache of cacheModes) {
      const server = await startServer({ ...env, ...(cache === 'off' && { RESPONSE_CACHE_TTL_SECONDS: '0' }) });
      try {
        const f = await fixtures(server.url);
        console.log(`response cache ${cache}: ${clients} clients, ${durationMs / 1000} s per scenario (after ${warmupMs / 1000} s warm-up), ${f.days.length} days / ${f.paperIds.length} papers / ${f.authorIds.length} authors sampled`);
        for (const scenario of scenarios) {
          // One failing scenario must not cost the figures of the others.
          try {
            if (process.env.DATABASE_URL) {
              const mb = await prewarm(process.env.DATABASE_URL);
              if (mb === null) console.log('  (pg_prewarm is not available: the figures may include reads from disk)');
              else if (!prewarmed) console.log(`  pg_prewarm read ${mb} MB before each scenario`);
              prewarmed = true;
            }
            if (warmupMs > 0) await runLoad(scenario, f, { url: server.url, clients, durationMs: warmupMs });
            const before = await cacheCounters(server.url);
            const result = await runLoad(scenario, f, { url: server.url, clients, durationMs });
            const after = await cacheCounters(server.url);
            const lookups = after.hit - before.hit + (after.miss - before.miss);
            results.push({ ...result, cache, hitRate: lookups > 0 ? (after.hit - before.hit) / lookups : undefined });
            console.log(`  ${scenario.name}: done`);
          } catch (error) {
            console.error(`  ${scenario.name}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    cleanup();
  }
  console.log(`\n${formatTable(results)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { Agent, request as httpRequest } from 'node:http';
import type { BenchFixtures, BenchRequest, Scenario } from './scenario';

export interface LoadResult {
  readonly name: string;
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
  /** Whether the server ran with its response cache, and the share of lookups it answered. */
  readonly cache?: 'on' | 'off' | '-';
  readonly hitRate?: number;
}

export interface LoadOptions {
  readonly url: string;
  readonly clients: number;
  readonly durationMs: number;
}

// node:http with a keep-alive agent rather than fetch: the load generator shares the machine with
// the server, and fetch spends about four times the CPU per request (measured: a bare Node server
// answered 1,700 req/s to fetch clients and 6,100 req/s to these).
const agents = new Map<number, Agent>();

function agentFor(clients: number): Agent {
  let agent = agents.get(clients);
  if (!agent) agents.set(clients, (agent = new Agent({ keepAlive: true, maxSockets: clients })));
  return agent;
}

function send(url: URL, request: BenchRequest, agent: Agent): Promise<boolean> {
  // A GraphQL POST, or a GET of `path` (REST): both answer JSON, and `errors` in it is a failure.
  const body = request.path ? '' : JSON.stringify({ query: request.query, variables: request.variables });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: request.path ?? url.pathname,
        method: request.path ? 'GET' : 'POST',
        agent,
        headers: request.path ? { ...request.headers } : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...request.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { errors?: unknown[] };
            resolve(res.statusCode === 200 && !parsed.errors);
          } catch {
            resolve(false);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `clients` loops, each sending its next request as soon as the previous answer arrives, for durationMs. */
export async function runLoad(scenario: Scenario, fixtures: BenchFixtures, options: LoadOptions): Promise<LoadResult> {
  if (scenario.run) {
    const result = await scenario.run(fixtures, options);
    return { name: scenario.name, requests: result.latenciesMs.length, ...result };
  }
  const state = await scenario.prepare?.(fixtures);
  const latenciesMs: number[] = [];
  let errors = 0;
  const url = new URL(options.url);
  const agent = agentFor(options.clients);
  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const request = scenario.request!(fixtures, state, client, i);
        const sent = performance.now();
        try {
          if (!(await send(url, request, agent))) errors++;
        } catch {
          errors++;
        }
        latenciesMs.push(performance.now() - sent);
      }
    }),
  );
  return { name: scenario.name, requests: latenciesMs.length, errors, seconds: (performance.now() - started) / 1000, latenciesMs };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One measured run of one scenario against one target, with what /proc said about it. */
export interface Measured extends LoadResult {
  /** "project", "floor", or a --build label. */
  readonly target: string;
  readonly round: number;
  /** CPU ms the target process spent during the run. */
  readonly serverCpuMs: number;
  /** CPU ms PostgreSQL's backends for this database spent during the run (when PostgreSQL is local). */
  readonly pgCpuMs?: number;
  /** The target's resident memory after the run. */
  readonly rssMb: number;
}

function median(values: readonly number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Row {
  readonly name: string;
  readonly target: string;
  readonly cache: string;
  readonly hits: string;
  readonly errors: number;
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  readonly serverMs: number;
  readonly pgMs: number;
  readonly rssMb: number;
}

/** Each figure is the median over the rounds of the same scenario, target and cache mode. */
function summarise(results: readonly Measured[]): Row[] {
  const groups = new Map<string, Measured[]>();
  for (const r of results) {
    const key = `${r.name}\u0000${r.target}\u0000${r.cache}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((runs) => {
    const stats = runs.map((r) => {
      const sorted = [...r.latenciesMs].sort((a, b) => a - b);
      const n = Math.max(1, sorted.length);
      return {
        rate: sorted.length / r.seconds,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        serverMs: r.serverCpuMs / n,
        pgMs: r.pgCpuMs === undefined ? NaN : r.pgCpuMs / n,
      };
    });
    const hitRates = runs.flatMap((r) => (r.hitRate === undefined ? [] : [r.hitRate]));
    return {
      name: runs[0].name,
      target: runs[0].target,
      cache: runs[0].cache ?? '-',
      hits: hitRates.length === 0 ? '-' : `${(median(hitRates) * 100).toFixed(0)}%`,
      errors: runs.reduce((sum, r) => sum + r.errors, 0),
      rate: median(stats.map((s) => s.rate)),
      p50: median(stats.map((s) => s.p50)),
      p99: median(stats.map((s) => s.p99)),
      serverMs: median(stats.map((s) => s.serverMs)),
      pgMs: median(stats.map((s) => s.pgMs)),
      rssMb: Math.max(...runs.map((r) => r.rssMb)),
    };
  });
}

/**
 * The table printed at the end: one row per scenario, target and cache mode. "x floor" is the
 * row's req/s over the floor's for the same scenario in the same run; "cpu/req" adds server and
 * PostgreSQL CPU, the figure that holds when neighbours slow the machine down.
 */
export function formatTable(results: readonly Measured[]): string {
  const rows = summarise(results);
  const floorRate = new Map(rows.filter((r) => r.target === 'floor').map((r) => [r.name, r.rate]));
  const ms = (value: number) => (Number.isNaN(value) ? '-' : value.toFixed(2));
  const header = [
    'scenario',
    'target',
    'cache',
    'hits',
    'errors',
    'req/s',
    'p50 ms',
    'p99 ms',
    'server ms/req',
    'pg ms/req',
    'cpu ms/req',
    'max RSS MB',
    'x floor',
  ];
  const cells = rows.map((r) => {
    const floor = floorRate.get(r.name);
    return [
      r.name,
      r.target,
      r.cache,
      r.hits,
      String(r.errors),
      r.rate.toFixed(0),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      ms(r.serverMs),
      ms(r.pgMs),
      ms(r.serverMs + (Number.isNaN(r.pgMs) ? 0 : r.pgMs)),
      r.rssMb.toFixed(0),
      floor && r.target !== 'floor' ? `${(r.rate / floor).toFixed(2)}x` : '-',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

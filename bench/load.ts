import { Agent, request as httpRequest } from 'node:http';
import type { BenchFixtures, BenchRequest, Scenario } from './scenario';

export interface LoadResult {
  readonly name: string;
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
  /** Whether the server ran with its response cache, and the share of lookups it answered. */
  readonly cache?: 'on' | 'off';
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
  const body = JSON.stringify({ query: request.query, variables: request.variables });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...request.headers },
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

/** The table printed at the end: one row per scenario. */
export function formatTable(results: readonly LoadResult[]): string {
  const header = ['scenario', 'cache', 'hits', 'requests', 'errors', 'req/s', 'p50 ms', 'p99 ms'];
  const rows = results.map((r) => {
    const sorted = [...r.latenciesMs].sort((a, b) => a - b);
    const hits = r.hitRate === undefined ? '-' : `${(r.hitRate * 100).toFixed(0)}%`;
    return [r.name, r.cache ?? '-', hits, String(sorted.length), String(r.errors), (sorted.length / r.seconds).toFixed(0), percentile(sorted, 50).toFixed(1), percentile(sorted, 99).toFixed(1)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

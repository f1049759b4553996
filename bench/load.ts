import type { BenchFixtures, BenchRequest, Scenario } from './scenario';

export interface LoadResult {
  readonly name: string;
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
}

export interface LoadOptions {
  readonly url: string;
  readonly clients: number;
  readonly durationMs: number;
}

async function send(url: string, request: BenchRequest): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...request.headers },
    body: JSON.stringify({ query: request.query, variables: request.variables }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  return response.ok && !body.errors;
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
  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const request = scenario.request!(fixtures, state, client, i);
        const sent = performance.now();
        try {
          if (!(await send(options.url, request))) errors++;
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
  const header = ['scenario', 'requests', 'errors', 'req/s', 'p50 ms', 'p99 ms'];
  const rows = results.map((r) => {
    const sorted = [...r.latenciesMs].sort((a, b) => a - b);
    return [r.name, String(sorted.length), String(r.errors), (sorted.length / r.seconds).toFixed(0), percentile(sorted, 50).toFixed(1), percentile(sorted, 99).toFixed(1)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

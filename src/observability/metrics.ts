import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/client';

/** ok: data, no errors · partial: data and errors · error: errors only (nothing executed or a root failed). */
export type RequestOutcome = 'ok' | 'partial' | 'error';

export interface RequestObservation {
  /** The executed operation's name; null for an anonymous operation or one that never parsed. */
  readonly operationName: string | null;
  readonly operationType: 'query' | 'mutation' | 'subscription' | null;
  readonly outcome: RequestOutcome;
  readonly durationSeconds: number;
  readonly errorCodes: readonly string[];
}

export interface Metrics {
  /** This app's own registry: two apps in one process never share counters. */
  readonly registry: Registry;
  recordRequest(observation: RequestObservation): void;
  /** GET /metrics in the Prometheus text format; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Stops observing the database. */
  close(): void;
}

export interface MetricsDeps {
  readonly db: Db;
  /** Open graphql-ws subscriptions, read at each scrape. */
  readonly activeSubscriptions: () => number;
  /** Counters of the response cache, read at each scrape. */
  readonly responseCache?: () => { hits: number; misses: number; invalidations: number };
  /** Counters of compiled execution, read at each scrape; null when COMPILE_QUERIES=false. */
  readonly executions?: () => { compiledRuns: number; interpretedRuns: number } | null;
}

// Label values come from clients (operation names) and from code (statement names). Past these
// many distinct values new ones are counted as "other", so a client cannot grow the series count
// (and the scrape) without bound.
const MAX_OPERATION_NAMES = 200;
const MAX_STATEMENT_NAMES = 200;
const STATEMENT_NAME = /^\s*\/\*\s*([\w.:-]+)\s*\*\//;

export function createMetrics(deps: MetricsDeps): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL operations over HTTP, by operation name, type and outcome (ok, partial, error).',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL operation to sending its response, in seconds.',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const statements = new Counter({
    name: 'db_statements_total',
    help: 'SQL statements sent to the database, by the statement name comment (prisma:<verb> for SQL Prisma generates).',
    labelNames: ['statement'] as const,
    registers: [registry],
  });
  const statementDuration = new Histogram({
    name: 'db_statement_duration_seconds',
    help: 'SQL statement duration as reported by Prisma, in seconds.',
    labelNames: ['statement'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'graphql_ws_active_subscriptions',
    help: 'graphql-ws subscriptions open right now.',
    registers: [registry],
    collect() {
      this.set(deps.activeSubscriptions());
    },
  });

  const cacheStats = deps.responseCache;
  if (cacheStats) {
    new Counter({
      name: 'graphql_response_cache_total',
      help: 'Shareable (anonymous) queries answered from the response cache (hit) or by executing them (miss), and cache invalidations.',
      labelNames: ['event'] as const,
      registers: [registry],
      collect() {
        const { hits, misses, invalidations } = cacheStats();
        this.reset();
        this.inc({ event: 'hit' }, hits);
        this.inc({ event: 'miss' }, misses);
        this.inc({ event: 'invalidation' }, invalidations);
      },
    });
  }

  const executionStats = deps.executions;
  if (executionStats) {
    new Counter({
      name: 'graphql_executions_total',
      help: 'Executed operations by executor: compiled (a query seen before, run by graphql-jit) or graphql-js (first sightings, mutations, COMPILE_QUERIES=false).',
      labelNames: ['executor'] as const,
      registers: [registry],
      collect() {
        const stats = executionStats();
        this.reset();
        if (!stats) return;
        this.inc({ executor: 'compiled' }, stats.compiledRuns);
        this.inc({ executor: 'graphql-js' }, stats.interpretedRuns);
      },
    });
  }

  const operationLabel = boundedLabels(MAX_OPERATION_NAMES);
  const statementLabel = boundedLabels(MAX_STATEMENT_NAMES);
  const stopObserving = deps.db.onStatement(({ sql, durationMs }) => {
    const statement = statementLabel(statementName(sql));
    statements.inc({ statement });
    statementDuration.observe({ statement }, durationMs / 1000);
  });

  return {
    registry,
    recordRequest(observation) {
      const operation = operationLabel(observation.operationName ?? 'anonymous');
      const type = observation.operationType ?? 'unknown';
      requests.inc({ operation, type, outcome: observation.outcome });
      duration.observe({ operation, type }, observation.durationSeconds);
      for (const code of observation.errorCodes) errors.inc({ code });
    },
    async handle(req, res) {
      if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/metrics') return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const body = await registry.metrics();
      res.writeHead(200, {
        'content-type': registry.contentType,
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    },
    close: () => void stopObserving(),
  };
}

/** The statement's leading name comment, or prisma:<first SQL keyword> for Prisma's own SQL. */
export function statementName(sql: string): string {
  const named = STATEMENT_NAME.exec(sql);
  if (named) return named[1];
  const verb = /^\s*([A-Za-z]+)/.exec(sql)?.[1]?.toLowerCase() ?? 'unknown';
  return `prisma:${verb}`;
}

function boundedLabels(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return 'other';
    seen.add(value);
    return value;
  };
}

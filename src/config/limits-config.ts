import { Env, integer, text } from './env-readers';

/** Every abuse bound the server enforces; each one is an environment variable (see README "Limits and errors"). */
export interface LimitsConfig {
  /** Deepest field nesting an operation may reach (fragments expanded). */
  readonly maxDepth: number;
  /** Highest computed cost (list fields multiply their children by `first`/`last`). */
  readonly maxCost: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  /** Parser token limit: a parse error past it, before any other work. */
  readonly maxTokens: number;
  /** UTF-8 bytes of the query text. */
  readonly maxDocumentBytes: number;
  /** Bytes of an HTTP request body (query + variables + extensions). */
  readonly bodyLimitBytes: number;
  readonly httpHeadersTimeoutMs: number;
  readonly httpRequestTimeoutMs: number;
  /** Comma-separated origins allowed by CORS; "*" for any; empty for none (same-origin only). */
  readonly corsOrigins: readonly string[];
  /**
   * Proxies in front of the server whose X-Forwarded-For entries are believed, counted from the
   * right (server/client-ip.ts); 0 takes the socket's address.
   */
  readonly trustProxyHops: number;
  readonly rateLimitWindowMs: number;
  /** Cost points an authenticated caller (per token's user) may spend per window. */
  readonly rateLimitUserPoints: number;
  /** Cost points an anonymous client IP may spend per window. */
  readonly rateLimitIpPoints: number;
  readonly wsMaxPayloadBytes: number;
  readonly wsMaxConnections: number;
  readonly wsMaxConnectionsPerIp: number;
  readonly wsMaxSubscriptionsPerConnection: number;
  /** Messages a socket may send per second before it is closed (subscribe floods). */
  readonly wsMaxMessagesPerSecond: number;
}

export function readLimitsConfig(env: Env, problems: string[]): LimitsConfig {
  const int = (name: string, fallback: number, min: number, max: number) => integer(env, name, { default: fallback, min, max }, problems);
  const origins = text(env, 'CORS_ORIGINS', '');
  return {
    maxDepth: int('MAX_QUERY_DEPTH', 15, 1, 1000),
    maxCost: int('MAX_QUERY_COST', 25000, 1, 100_000_000),
    maxAliases: int('MAX_QUERY_ALIASES', 30, 0, 100_000),
    maxDirectives: int('MAX_QUERY_DIRECTIVES', 20, 0, 100_000),
    maxTokens: int('MAX_QUERY_TOKENS', 3000, 10, 1_000_000),
    maxDocumentBytes: int('MAX_DOCUMENT_BYTES', 16384, 64, 10_000_000),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 102400, 1024, 100_000_000),
    httpHeadersTimeoutMs: int('HTTP_HEADERS_TIMEOUT_MS', 10000, 100, 600000),
    httpRequestTimeoutMs: int('HTTP_REQUEST_TIMEOUT_MS', 30000, 100, 3600000),
    corsOrigins: origins
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    trustProxyHops: trustProxyHops(env, problems),
    rateLimitWindowMs: int('RATE_LIMIT_WINDOW_MS', 60000, 1000, 86_400_000),
    rateLimitUserPoints: int('RATE_LIMIT_USER_POINTS', 250000, 1, 1_000_000_000),
    rateLimitIpPoints: int('RATE_LIMIT_IP_POINTS', 100000, 1, 1_000_000_000),
    wsMaxPayloadBytes: int('WS_MAX_PAYLOAD_BYTES', 65536, 1024, 100_000_000),
    wsMaxConnections: int('WS_MAX_CONNECTIONS', 2000, 1, 1_000_000),
    wsMaxConnectionsPerIp: int('WS_MAX_CONNECTIONS_PER_IP', 20, 1, 1_000_000),
    wsMaxSubscriptionsPerConnection: int('WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', 20, 1, 10_000),
    wsMaxMessagesPerSecond: int('WS_MAX_MESSAGES_PER_SECOND', 20, 1, 100_000),
  };
}

function trustProxyHops(env: Env, problems: string[]): number {
  // TRUST_PROXY=true believed the leftmost X-Forwarded-For entry, which the client writes: refuse
  // it by name rather than guess how many proxies it meant.
  if (env.TRUST_PROXY !== undefined && env.TRUST_PROXY.trim() !== '') {
    problems.push('TRUST_PROXY: replaced by TRUST_PROXY_HOPS, the number of proxies in front of the server (1 for one load balancer; 0 for none)');
  }
  return integer(env, 'TRUST_PROXY_HOPS', { default: 0, min: 0, max: 20 }, problems);
}

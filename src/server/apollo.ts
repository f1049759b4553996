import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config/load-config';
import type { RequestContext } from '../context';
import { isDatabaseUnavailable } from '../db/database-error';
import { createFormatError } from '../errors/format-error';
import type { CompiledExecution } from './compiled-execution';
import { queryLimitsPlugin } from './plugins/query-limits.plugin';
import { rateLimitPlugin } from './plugins/rate-limit.plugin';
import { requestIdPlugin } from './plugins/request-id.plugin';
import { requestLogPlugin } from './plugins/request-log.plugin';
import { textInputPlugin } from './plugins/text-input.plugin';
import { unavailablePlugin } from './plugins/unavailable.plugin';
import { documentLimitsRule, MAX_VALIDATION_ERRORS } from './query-limits/document-limits';
import type { RateLimiter } from './rate-limit/rate-limiter';

/**
 * Every option Apollo would otherwise derive from NODE_ENV is set from our config, so the
 * behaviour in production is the behaviour tested here.
 */
export function createApolloServer(
  config: Config,
  schema: GraphQLSchema,
  extraPlugins: ApolloServerPlugin<RequestContext>[] = [],
  // The limiter its owner closes on stop (app.ts: in memory or on Redis, from config). Required, so a
  // caller cannot end up with a private limiter that another instance or the owner's stop never sees.
  limiter: RateLimiter,
  // Compiled queries (compiled-execution.ts), or null for graphql-js only (COMPILE_QUERIES=false).
  // The caller owns it so that its counters reach /metrics.
  execution: CompiledExecution | null,
): ApolloServer<RequestContext> {
  const development = config.nodeEnv === 'development';
  const { limits } = config;
  return new ApolloServer<RequestContext>({
    // Both run the same schema with the same plugins; the gateway only swaps graphql-js's executor
    // for compiled queries (compiled-execution.ts).
    ...(execution ? { gateway: execution.gateway } : { schema }),
    // The parser stops at maxTokens with a 400 GRAPHQL_PARSE_FAILED, before building any AST.
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [documentLimitsRule(limits)],
    // graphql-js stops at maxErrors and adds one "Validation aborted" error: at most
    // MAX_VALIDATION_ERRORS in all, so a hostile document costs little to answer.
    validationOptions: { maxErrors: MAX_VALIDATION_ERRORS - 1 },
    // Arrays of operations are refused (400): one HTTP request is one operation, so every
    // limit and the rate limit apply to it whole.
    allowBatchedHttpRequests: false,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: development,
    hideSchemaDetailsFromClientErrors: config.nodeEnv === 'production',
    // Off, deliberately (docs/clients.md, "CSRF"): credentials travel only in the Authorization
    // header, never cookies, so a cross-site request carries none; GET runs queries only (a
    // mutation over GET is 405) and POST takes only application/json (415 otherwise, so no form or
    // text/plain post runs). What CSRF prevention would refuse is an anonymous GET query, which
    // anyone may send anyway, and refusing it broke urql's default GET requests.
    csrfPrevention: false,
    // main.ts owns the shutdown order (HTTP, websockets, then the database).
    stopOnTerminationSignals: false,
    formatError: createFormatError({ includeStack: development, isUnavailable: isDatabaseUnavailable }),
    plugins: [
      // Our own Playground is served by http-server.ts; Apollo's landing page loads from a CDN.
      ApolloServerPluginLandingPageDisabled(),
      // The response cache decides one cache policy per operation (response-cache.ts); Apollo's
      // per-field hints would cost a hook call on every resolved field for nothing.
      ApolloServerPluginCacheControlDisabled(),
      requestIdPlugin(),
      requestLogPlugin(),
      queryLimitsPlugin({ maxCost: limits.maxCost }),
      textInputPlugin(),
      rateLimitPlugin({ limiter, limits }),
      unavailablePlugin(),
      ...extraPlugins,
    ],
  });
}

import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import ApolloServerPluginResponseCache from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { ResponseCacheConfig } from '../../config/response-cache-config';
import type { RequestContext } from '../../context';
import { isShareable } from './cache-policy';

export interface ResponseCache {
  /** The Apollo plugins that serve, store and label (Cache-Control) responses. */
  readonly plugins: ApolloServerPlugin<RequestContext>[];
  /** Makes every response stored so far unreachable; the next request of each kind reads the database. */
  invalidate(): void;
  /** Counters since start, for /metrics. */
  stats(): { hits: number; misses: number; invalidations: number };
}

const shareable = (requestContext: GraphQLRequestContext<RequestContext>): boolean =>
  !!requestContext.document &&
  !!requestContext.operation &&
  isShareable({ document: requestContext.document, operation: requestContext.operation, anonymous: requestContext.contextValue.viewer === null });

/**
 * Whole responses of anonymous queries, shared between anonymous callers for ttlSeconds at most
 * and dropped at once by invalidate() (every mutation here, every upvote or submission on any
 * instance). Rate limits and query limits still apply to a cached answer: those plugins run
 * before the cache is consulted.
 *
 * Invalidation bumps a generation that is part of every key. A request reads its key's
 * generation before it touches the database, so a response computed from data older than the
 * last invalidation is stored under an old generation, where nothing will look for it.
 */
export function createResponseCache(config: ResponseCacheConfig): ResponseCache {
  let generation = 0;
  const counters = { hits: 0, misses: 0, invalidations: 0 };
  const enabled = config.ttlSeconds > 0;
  const invalidate = () => {
    generation += 1;
    counters.invalidations += 1;
  };
  // Decided once per operation, in didResolveOperation; reading and storing follow that decision.
  const decidedShareable = async (requestContext: GraphQLRequestContext<RequestContext>) => requestContext.overallCachePolicy.policyIfCacheable() !== null;

  const policy: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          // One policy for the whole operation instead of Apollo's per-field hints: cheaper, and
          // the rule (anonymous, no caller-specific field) is the whole truth here.
          if (enabled && shareable(requestContext)) requestContext.overallCachePolicy.replace({ maxAge: config.ttlSeconds, scope: 'PUBLIC' });
          else requestContext.overallCachePolicy.restrict({ maxAge: 0 });
        },
        async willSendResponse(requestContext) {
          const { response, overallCachePolicy, operation } = requestContext;
          // Before the response leaves: the caller's next read on this instance sees its write.
          if (operation?.operation === 'mutation') invalidate();
          const cacheable = overallCachePolicy.policyIfCacheable();
          if (requestContext.metrics.responseCacheHit) counters.hits += 1;
          else if (cacheable) counters.misses += 1;
          const failed = response.body.kind !== 'single' || !!response.body.singleResult.errors;
          if (cacheable && !failed) {
            response.http.headers.set('cache-control', `max-age=${cacheable.maxAge}, public`);
            // A shared HTTP cache must not hand the anonymous answer to a signed-in caller.
            response.http.headers.set('vary', 'Authorization');
          } else if (!response.http.headers.has('cache-control')) {
            response.http.headers.set('cache-control', 'no-store');
          }
        },
      };
    },
  };

  const store = ApolloServerPluginResponseCache<RequestContext>({
    cache: new InMemoryLRUCache({ maxSize: config.maxBytes }),
    extraCacheKeyData: async () => generation,
    shouldReadFromCache: decidedShareable,
    shouldWriteToCache: decidedShareable,
  });

  return { plugins: [policy, store], invalidate, stats: () => ({ ...counters }) };
}

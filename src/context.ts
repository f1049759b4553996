import type { Db } from './db/client';
import { createLoaders, type Loaders } from './loaders';
import type { Logger } from './observability/logger';
import type { Services } from './services';

/** The authenticated caller. Anonymous requests have no viewer. */
export interface Viewer {
  readonly userId: number;
  readonly handle: string;
  readonly scopes: readonly string[];
  /** The token in use (its database id), so signOut can revoke exactly it. */
  readonly tokenId?: number;
  /** "personal", "session" or "oauth". */
  readonly tokenKind?: string;
  /** The OAuth app a token was issued to; null for the person's own tokens. */
  readonly appId?: number | null;
}

/**
 * Who is calling and from where. It lives as long as the transport's unit of trust: one HTTP
 * request, or one websocket connection (authenticated once by connection_init), and every
 * operation's context is built from it.
 */
export interface RequestSession {
  readonly viewer: Viewer | null;
  /** The client's IP as the transport saw it (after trusted proxy hops); per-address limits key on it. */
  readonly clientAddress: string;
}

/** What one operation spent from its caller's rate-limit budget. */
export interface RateLimitSpend {
  readonly cost: number;
  readonly limit: number;
  readonly remaining: number;
  readonly resetAt: Date;
}

/**
 * Everything one operation runs with. It lives exactly as long as that operation (one HTTP
 * request, one graphql-ws subscribe message): its loader caches must never answer a later
 * operation, or they serve data the database has since changed.
 */
export interface RequestContext extends RequestSession {
  readonly requestId: string;
  readonly services: Services;
  readonly log: Logger;
  /**
   * This operation's spending, set by the transport's rate limiter before any resolver runs;
   * absent for in-process execution (CLI, tests), which no limit applies to.
   */
  rateLimit?: RateLimitSpend;
  /** Replaced by renewLoaders(); read it through the context, never keep a reference. */
  loaders: Loaders;
  /** Swaps in a fresh loader set: subscriptions call it per event so caches live one event. */
  renewLoaders(): void;
}

export interface ContextDeps {
  readonly db: Db;
  readonly services: Services;
  readonly log: Logger;
}

/** A fresh context for one operation of a session. */
export function createRequestContext(deps: ContextDeps, request: RequestSession & { readonly requestId: string }): RequestContext {
  const { viewer } = request;
  return {
    requestId: request.requestId,
    viewer,
    clientAddress: request.clientAddress,
    services: deps.services,
    log: deps.log.child({ requestId: request.requestId, ...(viewer && { userId: viewer.userId }) }),
    loaders: createLoaders(deps.db, viewer),
    // A plain property and a method rather than a closure: Apollo clones the context object per
    // operation, and a clone keeps working only if renewal acts on the object it is called on.
    renewLoaders(this: RequestContext) {
      this.loaders = createLoaders(deps.db, viewer);
    },
  };
}

import type { Db } from './db/client';
import { createLoaders, type Loaders } from './loaders';
import type { Level, Logger } from './observability/logger';
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
  /** The operation's logger (request id, user id); built on first use. */
  readonly log: Logger;
  /** Whether a line at `level` would be written, without building `log` to find out. */
  logs(level: Level): boolean;
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
  return new OperationContext(deps, request);
}

/**
 * A class rather than an object literal so that the request's child logger is built only when a
 * line is written (the getter lives on the prototype): at the usual log level most requests write
 * none, and a pino child per request was garbage on the hot path. Apollo clones the context per
 * operation with Object.assign onto the same prototype, so every state a clone needs is a plain
 * own property, and renewLoaders and the getter act on the object they are called on.
 */
class OperationContext implements RequestContext {
  readonly requestId: string;
  readonly viewer: Viewer | null;
  readonly clientAddress: string;
  readonly services: Services;
  rateLimit?: RateLimitSpend;
  loaders: Loaders;
  private childLog: Logger | undefined = undefined;

  constructor(
    private readonly deps: ContextDeps,
    request: RequestSession & { readonly requestId: string },
  ) {
    this.requestId = request.requestId;
    this.viewer = request.viewer;
    this.clientAddress = request.clientAddress;
    this.services = deps.services;
    this.loaders = createLoaders(deps.db, request.viewer);
  }

  get log(): Logger {
    return (this.childLog ??= this.deps.log.child({ requestId: this.requestId, ...(this.viewer && { userId: this.viewer.userId }) }));
  }

  logs(level: Level): boolean {
    return this.deps.log.isLevelEnabled(level);
  }

  renewLoaders(): void {
    this.loaders = createLoaders(this.deps.db, this.viewer);
  }
}

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

export interface RequestContext {
  readonly requestId: string;
  readonly viewer: Viewer | null;
  readonly services: Services;
  readonly log: Logger;
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

export function createRequestContext(
  deps: ContextDeps,
  request: { requestId: string; viewer: Viewer | null },
): RequestContext {
  return {
    requestId: request.requestId,
    viewer: request.viewer,
    services: deps.services,
    log: deps.log.child({ requestId: request.requestId, ...(request.viewer && { userId: request.viewer.userId }) }),
    loaders: createLoaders(deps.db, request.viewer),
    // A plain property and a method rather than a closure: Apollo clones the context object per
    // operation, and a clone keeps working only if renewal acts on the object it is called on.
    renewLoaders(this: RequestContext) {
      this.loaders = createLoaders(deps.db, request.viewer);
    },
  };
}

import { ForbiddenError, UnauthenticatedError } from '../errors/errors';
import { grantsScope, type Scope } from './scopes';

export interface ScopedViewer {
  readonly userId: number;
  readonly scopes: readonly string[];
}

/** The viewer when it holds the scope; UNAUTHENTICATED (401) when anonymous, FORBIDDEN when the token lacks it. */
export function requireScope<V extends ScopedViewer>(viewer: V | null, scope: Scope): V {
  if (!viewer) throw new UnauthenticatedError();
  if (!grantsScope(viewer.scopes, scope)) {
    throw new ForbiddenError(`This token lacks the "${scope}" scope; issue one with --scopes ${scope === 'write' ? 'read,write' : scope}.`, scope);
  }
  return viewer;
}

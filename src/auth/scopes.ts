import { BadUserInputError } from '../errors/errors';

/** read: queries and subscriptions as the user (viewer fields). write: mutations. digest: the viewer's digest subscription. */
export const SCOPES = ['read', 'write', 'digest'] as const;
export type Scope = (typeof SCOPES)[number];

export const DEFAULT_SCOPES: readonly Scope[] = ['read', 'write'];

/** Parses "read,write"; unknown or missing scopes are BAD_USER_INPUT naming `scopes`. */
export function parseScopes(text: string): Scope[] {
  const scopes = [...new Set(text.split(',').map((scope) => scope.trim()).filter(Boolean))];
  const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new BadUserInputError('scopes', `Scopes must be a comma-separated subset of ${SCOPES.join(', ')}; got "${text}".`);
  }
  return scopes as Scope[];
}

import { BadUserInputError } from '../errors/errors';

/**
 * read: queries and subscriptions as the user (viewer fields). write: mutations. digest: the
 * viewer's digest subscription. webhooks: the viewer's webhooks and their deliveries.
 */
export const SCOPES = ['read', 'write', 'digest', 'webhooks'] as const;
export type Scope = (typeof SCOPES)[number];

// A write token could already do everything a webhook reports on, and issue 16 promises that a
// write token registers webhooks; `webhooks` alone is the narrow scope for a bot that only listens.
const IMPLIED_BY: Partial<Record<Scope, readonly Scope[]>> = { webhooks: ['write'] };

/** Whether a token with these scopes may do what `scope` allows (itself, or a scope that implies it). */
export function grantsScope(scopes: readonly string[], scope: Scope): boolean {
  return scopes.includes(scope) || (IMPLIED_BY[scope] ?? []).some((implying) => scopes.includes(implying));
}

export const DEFAULT_SCOPES: readonly Scope[] = ['read', 'write'];

/** Parses "read,write"; unknown or missing scopes are BAD_USER_INPUT naming `scopes`. */
export function parseScopes(text: string): Scope[] {
  const scopes = [
    ...new Set(
      text
        .split(',')
        .map((scope) => scope.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new BadUserInputError('scopes', `Scopes must be a comma-separated subset of ${SCOPES.join(', ')}; got "${text}".`);
  }
  return scopes as Scope[];
}

import { BadUserInputError } from '../../errors/errors';
import type { ConnectionArgsInput, ForwardPageRequest, PageRequest } from './page';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

function checkSize(name: 'first' | 'last', value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw new BadUserInputError(name, `Argument "${name}" must be an integer from 0 to ${MAX_PAGE_SIZE}, got ${value}.`);
  }
  return value;
}

/** Validates Relay arguments: first/after page forward, last/before backward, never both. */
export function toPageRequest(args: ConnectionArgsInput): PageRequest {
  const { first, after, last, before } = args;
  if (first != null && last != null) {
    throw new BadUserInputError('last', 'Use "first" (with "after") or "last" (with "before"), not both.');
  }
  if (after != null && before != null) {
    throw new BadUserInputError('before', 'Use "after" or "before", not both.');
  }
  if (last != null || before != null) {
    if (after != null) throw new BadUserInputError('after', '"after" pages forward; it cannot be combined with "last".');
    return { direction: 'backward', limit: last == null ? DEFAULT_PAGE_SIZE : checkSize('last', last), before: before ?? undefined };
  }
  return { direction: 'forward', limit: first == null ? DEFAULT_PAGE_SIZE : checkSize('first', first), after: after ?? undefined };
}

/** first/after of a forward-only connection (nested lists, search, upvoters); last/before are not offered there. */
export function toForwardPageRequest(args: { readonly first?: number | null; readonly after?: string | null }): ForwardPageRequest {
  return { direction: 'forward', limit: args.first == null ? DEFAULT_PAGE_SIZE : checkSize('first', args.first), after: args.after ?? undefined };
}

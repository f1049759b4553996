import { BadUserInputError } from '../errors/errors';
import { parseArxivId } from '../lib/arxiv-id';
import { fromGlobalId, type NodeType } from '../lib/global-id';
import { parseIsoDay } from '../lib/day';

// Every id a client may send, read in one place: Relay global ids (lib/global-id.ts) for any node,
// and bare arXiv ids (lib/arxiv-id.ts) wherever a paper is named.

/** The local id inside a global id of the given type, parsed: arXiv id, integer id, or "YYYY-MM-DD" day; null when malformed. */
export function localIdOf(type: 'Paper' | 'Day', localId: string): string | null;
export function localIdOf(type: 'Author' | 'User' | 'Webhook', localId: string): number | null;
export function localIdOf(type: NodeType, localId: string): string | number | null;
export function localIdOf(type: NodeType, localId: string): string | number | null {
  switch (type) {
    case 'Paper':
      return parseArxivId(localId);
    case 'Day':
      return parseIsoDay(localId);
    case 'Author':
    case 'User':
    case 'Webhook': {
      const id = Number(localId);
      return Number.isSafeInteger(id) ? id : null;
    }
  }
}

/**
 * Resolves any way a client may name a paper: a Paper global id or a bare arXiv id (with or
 * without a version suffix), as the versionless arXiv id. Null when the text is neither.
 */
export function paperIdFromArgument(text: string): string | null {
  const global = fromGlobalId(text);
  if (global) return global.type === 'Paper' ? localIdOf('Paper', global.localId) : null;
  return parseArxivId(text);
}

/** The author id inside an Author global id; null when the text is not one. */
export function authorIdFromArgument(text: string): number | null {
  const global = fromGlobalId(text);
  return global?.type === 'Author' ? localIdOf('Author', global.localId) : null;
}

/** A paper argument as a versionless arXiv id, else BAD_USER_INPUT naming the argument (`paperId` by default). */
export function requirePaperId(text: string, argumentName = 'paperId'): string {
  const paperId = paperIdFromArgument(text);
  if (!paperId) throw new BadUserInputError(argumentName, `"${text}" is neither a Paper id nor an arXiv id such as "2407.18232".`);
  return paperId;
}

/** An Author global id argument as the author id, else BAD_USER_INPUT naming the argument. */
export function requireAuthorId(text: string, argumentName: string): number {
  const authorId = authorIdFromArgument(text);
  if (authorId === null) throw new BadUserInputError(argumentName, `"${argumentName}" must be an Author id, got "${text}".`);
  return authorId;
}

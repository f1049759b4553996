import { toGlobalId } from '../../lib/global-id';
import type { AuthorSummary } from '../../services/records';

/**
 * An author as the schema hands it to GraphQL: `id` is already the global id, so the Author type
 * needs no resolver for it and compiled queries read it inline. A day feed names ~240 byline
 * authors; resolving each one's id through a resolver call (a resolve-info object, a response
 * path, closures per call) was a tenth of the feed's execution CPU. Every field that returns an
 * Author returns one of these (author.resolver.ts, paper.resolver.ts, node.resolver.ts).
 */
export interface AuthorNode {
  /** The global id ("Author:<id>", base64url). */
  readonly id: string;
  /** The database id, for the fields that load more (paperCount, papers). */
  readonly authorId: number;
  readonly name: string;
  readonly handle: string | null;
}

export function authorNode(author: AuthorSummary): AuthorNode {
  return { id: toGlobalId('Author', author.id), authorId: author.id, name: author.name, handle: author.handle };
}

import { Kind, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';

// Fields whose value differs between anonymous callers: the rate-limit budget is per client IP.
// Everything else an anonymous caller can read is the same for every anonymous caller (viewer
// is null, viewerHasUpvoted false), so such an operation's response can be shared.
const PER_CALLER_FIELDS = new Set(['rateLimit']);

const perCallerDocuments = new WeakMap<DocumentNode, boolean>();

/** True when the document selects a field whose value depends on who asks, even anonymously. */
function selectsPerCallerField(document: DocumentNode): boolean {
  let found = perCallerDocuments.get(document);
  if (found === undefined) {
    found = false;
    // Over-approximates (any field of that name, in any fragment): a miss costs a cache entry, never a leak.
    visit(document, {
      [Kind.FIELD](node) {
        if (PER_CALLER_FIELDS.has(node.name.value)) {
          found = true;
          return false;
        }
        return undefined;
      },
    });
    // Apollo keeps parsed documents in its own LRU, so the same object comes back for the same query text.
    perCallerDocuments.set(document, found);
  }
  return found;
}

export interface CacheDecisionInput {
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly anonymous: boolean;
}

/**
 * Whether an operation's response may be shared with other callers: anonymous queries that
 * select nothing caller-specific. Authenticated responses carry viewer state (viewerHasUpvoted,
 * viewer) and mutations change data; neither is ever stored or served from the cache.
 */
export function isShareable({ document, operation, anonymous }: CacheDecisionInput): boolean {
  return anonymous && operation.operation === 'query' && !selectsPerCallerField(document);
}

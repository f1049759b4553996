// Relay global ids: base64url("Type:localId"). base64url has no "." or "/", and every arXiv id
// has one of them, so an argument that names a paper can tell a global id from a bare arXiv id.

export type NodeType = 'Paper' | 'Author' | 'Day' | 'User' | 'Webhook';
const NODE_TYPES: readonly NodeType[] = ['Paper', 'Author', 'Day', 'User', 'Webhook'];

// A page of papers names the same few hundred authors again and again; encoding each id anew
// took 3% of a day-feed request's CPU. One memo per type, keyed by the local id itself: building
// the "Type:id" text just to look it up was still 4% (a new string to hash on every call).
// Bounded: past the cap a type's memo starts over.
const encoded = new Map<NodeType, Map<string | number, string>>(NODE_TYPES.map((type) => [type, new Map()]));
const MAX_ENCODED = 100_000;

export function toGlobalId(type: NodeType, localId: string | number): string {
  const memo = encoded.get(type)!;
  let id = memo.get(localId);
  if (id === undefined) {
    if (memo.size >= MAX_ENCODED) memo.clear();
    id = Buffer.from(`${type}:${localId}`, 'utf8').toString('base64url');
    memo.set(localId, id);
  }
  return id;
}

/** The type and local id inside a global id, or null when the text is not one of ours. */
export function fromGlobalId(globalId: string): { type: NodeType; localId: string } | null {
  if (!/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return null;
  const type = decoded.slice(0, separator) as NodeType;
  const localId = decoded.slice(separator + 1);
  if (!NODE_TYPES.includes(type) || localId === '') return null;
  // Reject non-canonical encodings so each node has exactly one id.
  if (toGlobalId(type, localId) !== globalId) return null;
  return { type, localId };
}

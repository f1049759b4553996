// Relay global ids: base64url("Type:localId"). base64url has no "." or "/", and every arXiv id
// has one of them, so an argument that names a paper can tell a global id from a bare arXiv id.

export type NodeType = 'Paper' | 'Author' | 'Day' | 'User';
const NODE_TYPES: readonly NodeType[] = ['Paper', 'Author', 'Day', 'User'];

// A page of papers names the same few hundred authors again and again; encoding each id anew
// took 3% of a day-feed request's CPU. Bounded: past the cap the memo starts over.
const encoded = new Map<string, string>();
const MAX_ENCODED = 100_000;

export function toGlobalId(type: NodeType, localId: string | number): string {
  const plain = `${type}:${localId}`;
  let id = encoded.get(plain);
  if (id === undefined) {
    if (encoded.size >= MAX_ENCODED) encoded.clear();
    id = Buffer.from(plain, 'utf8').toString('base64url');
    encoded.set(plain, id);
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

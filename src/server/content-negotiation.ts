import type { IncomingMessage } from 'node:http';

const RESPONSE_TYPES = ['application/graphql-response+json', 'application/json'];

/**
 * True when the Accept header admits one of our response types (GraphQL over HTTP). Checked
 * before execution: Apollo checks only after running the operation, too late for a mutation.
 */
export function acceptsGraphQLResponse(req: IncomingMessage): boolean {
  const accept = req.headers.accept;
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) return false;
    const type = range.trim();
    return type === '*/*' || type === 'application/*' || RESPONSE_TYPES.includes(type);
  });
}

/** The media type of a POST body we accept: JSON only (graphql-response+json is a response type, tolerated). */
export function isJsonRequest(contentType: string | undefined): boolean {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  return essence === 'application/json' || essence === 'application/graphql-response+json';
}

// The client a request came from, attached by the transport to the request's context so that
// RequestContext itself needs no transport fields. An enumerable symbol property, because Apollo
// shallow-copies the context per operation and the copy must keep it.
const CLIENT = Symbol('client');

export function rememberClient(context: object, client: { ip: string }): void {
  Object.defineProperty(context, CLIENT, { value: client, enumerable: true });
}

/** The client IP the transport saw ("unknown" for in-process execution). */
export function clientIpOf(context: object): string {
  return (context as { [CLIENT]?: { ip: string } })[CLIENT]?.ip ?? 'unknown';
}

import type { ServerResponse } from 'node:http';

// Vary lists every request header a response depends on. Several parts of the server add to it
// (CORS: Origin; the response cache: Authorization; assets: Accept-Encoding), so a header copied
// onto a response must merge with what is there: replacing it would let a shared cache hand one
// origin's Access-Control-Allow-Origin, or one caller's answer, to another.

type HeaderValue = string | number | readonly string[] | undefined;

/** The union of Vary values, each name once (case-insensitive, first spelling kept), "*" absorbing all. */
export function mergeVary(...values: HeaderValue[]): string | undefined {
  const names = new Map<string, string>();
  for (const value of values) {
    if (value === undefined) continue;
    for (const name of (Array.isArray(value) ? value.join(',') : String(value)).split(',')) {
      const trimmed = name.trim();
      if (trimmed && !names.has(trimmed.toLowerCase())) names.set(trimmed.toLowerCase(), trimmed);
    }
  }
  if (names.has('*')) return '*';
  return names.size === 0 ? undefined : [...names.values()].join(', ');
}

/** Adds names to the response's Vary header, keeping those already set. */
export function appendVary(res: ServerResponse, value: HeaderValue): void {
  const merged = mergeVary(res.getHeader('vary'), value);
  if (merged !== undefined) res.setHeader('vary', merged);
}

/**
 * `headers` for res.writeHead, whose own `vary` (if any) is merged with the one already set on
 * the response (writeHead's object would otherwise replace it).
 */
export function withMergedVary(res: ServerResponse, headers: Record<string, string | number>): Record<string, string | number> {
  const vary = mergeVary(res.getHeader('vary'), headers.vary === undefined ? undefined : String(headers.vary));
  return vary === undefined ? headers : { ...headers, vary };
}

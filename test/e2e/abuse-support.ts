import type { Db } from '../../src/db/client';

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON; the test fails if any response of this server is not JSON. */
  readonly json: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
}

/** Any HTTP request to the server, asserting only that the answer is JSON. */
export async function raw(url: string, init: RequestInit & { path?: string } = {}): Promise<RawResponse> {
  const response = await fetch(`${url}${init.path ?? '/graphql'}`, init);
  const text = await response.text();
  let json: RawResponse['json'];
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`Non-JSON ${response.status} response: ${text.slice(0, 500)}`);
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The single error's code, after asserting there is exactly the data-less error response expected. */
export function codeOf(response: RawResponse): string | undefined {
  return response.json.errors?.[0]?.extensions?.code;
}

/** Row counts of every table a request could write to, to prove a refused request wrote nothing. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const [papers, upvotes, users, tokens, days, authors] = await Promise.all([
    db.prisma.paper.count(),
    db.prisma.upvote.count(),
    db.prisma.user.count(),
    db.prisma.apiToken.count(),
    db.prisma.day.count(),
    db.prisma.author.count(),
  ]);
  return { papers, upvotes, users, tokens, days, authors };
}

/** Nested `papers` selections `levels` deep, ending in a scalar. */
export function nestedAuthors(levels: number): string {
  return `{ papers(first: 1) { nodes { ${'authors { '.repeat(levels)}name${' }'.repeat(levels)} } } }`;
}

/** Starting a server creates and migrates a database: slow on a loaded machine, so hooks get longer. */
export const STARTUP_TIMEOUT_MS = 180_000;

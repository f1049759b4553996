// A typed GraphQL call with plain fetch: a token when there is one, and errors by their code.
export interface GraphQLErrorBody {
  readonly message: string;
  readonly extensions?: { readonly code?: string; readonly retryAfterSeconds?: number; readonly [key: string]: unknown };
}

export class GraphQLRequestError extends Error {
  constructor(
    readonly status: number,
    readonly errors: readonly GraphQLErrorBody[],
  ) {
    super(errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; ') || `HTTP ${status}`);
  }

  /** The stable code of the first error, e.g. UNAUTHENTICATED, RATE_LIMITED, BAD_USER_INPUT. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

export async function graphql<TData>(url: string, query: string, variables?: Record<string, unknown>, token?: string): Promise<TData> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => null)) as { data?: TData | null; errors?: GraphQLErrorBody[] } | null;
  if (!body) throw new GraphQLRequestError(response.status, []);
  // A partial result still carries errors: treat any error as a failure unless you handle paths.
  if (body.errors?.length || body.data == null) throw new GraphQLRequestError(response.status, body.errors ?? []);
  return body.data;
}

// Usage, with what each refusal means:
export async function upvote(url: string, arxivId: string, token: string): Promise<number> {
  try {
    const data = await graphql<{ upvotePaper: { paper: { upvoteCount: number } } }>(
      url,
      'mutation Upvote($id: ID!) { upvotePaper(input: { paperId: $id }) { paper { upvoteCount } } }',
      { id: arxivId },
      token,
    );
    return data.upvotePaper.paper.upvoteCount;
  } catch (error) {
    if (error instanceof GraphQLRequestError && error.code === 'UNAUTHENTICATED')
      throw new Error('Sign in again: the token is missing, unknown, expired or revoked.', { cause: error });
    if (error instanceof GraphQLRequestError && error.code === 'RATE_LIMITED') {
      throw new Error(`Too many requests; retry in ${error.errors[0].extensions?.retryAfterSeconds} s.`, { cause: error });
    }
    throw error;
  }
}

// A small GraphQL-over-HTTP client whose failures print the query, the status and the body.

export interface GraphQLResult<TData = Record<string, any>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: { data?: TData | null; errors?: Array<{ message: string; extensions?: Record<string, any>; path?: unknown[] }> };
  /** The data, after asserting the response had no errors. */
  expectData(): TData;
  /** The first error with this code, after asserting there is one. */
  expectError(code: string): { message: string; extensions?: Record<string, any> };
}

export async function postGraphQL<TData = Record<string, any>>(
  baseUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
  operationName?: string,
): Promise<GraphQLResult<TData>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return toResult<TData>(response, query);
}

export async function toResult<TData = Record<string, any>>(response: Response, query: string): Promise<GraphQLResult<TData>> {
  const text = await response.text();
  let body: GraphQLResult<TData>['body'];
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`Non-JSON response (${response.status}) to:\n${query}\n---\n${text.slice(0, 2000)}`);
  }
  const describe = () => `query:\n${query}\nstatus: ${response.status}\nbody: ${JSON.stringify(body, null, 2).slice(0, 4000)}`;
  return {
    status: response.status,
    headers: response.headers,
    body,
    expectData() {
      if (body.errors?.length || !body.data) throw new Error(`Expected data without errors.\n${describe()}`);
      return body.data;
    },
    expectError(code) {
      const error = body.errors?.find((candidate) => candidate.extensions?.code === code);
      if (!error) throw new Error(`Expected an error with code ${code}.\n${describe()}`);
      return error;
    },
  };
}

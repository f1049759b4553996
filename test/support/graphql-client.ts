// A small GraphQL-over-HTTP client whose failures print the query, the status and the body.
import { expectations, type Expectations, type ResultError } from './result';

export interface GraphQLResult<TData = Record<string, any>> extends Expectations<TData> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: { data?: TData | null; errors?: ResultError[] };
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
  return { status: response.status, headers: response.headers, body, ...expectations(body, describe) };
}

// What every GraphQL result in the tests offers, over HTTP (graphql-client.ts) or in process
// (execute.ts): typed data after asserting there were no errors, or the error with a given code.
// A failed expectation prints the operation and the whole body, so the failure says what happened.
import type { GraphQLFormattedError } from 'graphql';

export type ResultError = GraphQLFormattedError & { readonly extensions?: Record<string, any> };

export interface ResultBody<TData> {
  readonly data?: TData | null;
  readonly errors?: readonly ResultError[];
}

export interface Expectations<TData> {
  /** The data, after asserting the response has no errors. */
  expectData(): TData;
  /** The first error with this code (and argument, when given), after asserting there is one. */
  expectError(code: string, argumentName?: string): ResultError;
}

export function expectations<TData>(body: ResultBody<TData>, describe: () => string): Expectations<TData> {
  return {
    expectData() {
      if (body.errors?.length || !body.data) throw new Error(`Expected data without errors.\n${describe()}`);
      return body.data;
    },
    expectError(code, argumentName) {
      const error = body.errors?.find(
        (candidate) => candidate.extensions?.code === code && (argumentName === undefined || candidate.extensions?.argumentName === argumentName),
      );
      if (!error) throw new Error(`Expected an error with code ${code}${argumentName ? ` naming ${argumentName}` : ''}.\n${describe()}`);
      return error;
    },
  };
}

/** The body itself with expectData()/expectError() attached, not enumerable, so the result still equals a plain body. */
export function withExpectations<TBody extends ResultBody<TData>, TData>(body: TBody, describe: () => string): TBody & Expectations<TData> {
  const { expectData, expectError } = expectations<TData>(body, describe);
  return Object.defineProperties({ ...body }, { expectData: { value: expectData }, expectError: { value: expectError } }) as TBody & Expectations<TData>;
}

import { GraphQLError } from 'graphql';
import type { ErrorCode } from './codes';

/**
 * The base of every error the API reports on purpose. Anything that is not an AppError (or
 * one of Apollo's own coded errors) is masked as INTERNAL_SERVER_ERROR by format-error.ts.
 */
export abstract class AppError extends GraphQLError {
  protected constructor(
    message: string,
    readonly code: ErrorCode,
    extra: Record<string, unknown> = {},
    http?: { status: number; headers?: Map<string, string> },
  ) {
    super(message, { extensions: { code, ...extra, ...(http && { http }) } });
    this.name = new.target.name;
  }
}

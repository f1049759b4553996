import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError } from './app-error';
import { ErrorCode } from './codes';

// Codes Apollo Server and graphql-js assign to request-level problems; they describe the
// client's request, not our internals, so they pass through unmasked.
const CLIENT_FACING_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export interface FormatErrorOptions {
  /** Keep stack traces (development only). */
  readonly includeStack: boolean;
  /** Decides whether an unexpected error is an outage (503) rather than a bug (500). */
  readonly isUnavailable: (error: unknown) => boolean;
}

/**
 * Apollo's formatError: our AppErrors and Apollo's own request errors go out as they are;
 * an outage becomes SERVICE_UNAVAILABLE; everything else is masked, because its message may
 * carry SQL, host names or file paths. The full error is logged by the error-log plugin.
 */
export function createFormatError(options: FormatErrorOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    const strip = ({ stacktrace: _stacktrace, ...rest }: Record<string, unknown> = {}) => rest;
    if (original instanceof AppError || (typeof code === 'string' && CLIENT_FACING_CODES.has(code))) {
      return options.includeStack ? formatted : { ...formatted, extensions: strip(formatted.extensions) };
    }
    if (isUncodedRequestError(original)) {
      return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
    }
    if (options.isUnavailable(original)) {
      return {
        message: 'The database is temporarily unavailable; retry shortly.',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.ServiceUnavailable },
      };
    }
    return {
      message: 'Internal server error.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.InternalServerError, ...(options.includeStack && { stacktrace: formatted.extensions?.stacktrace }) },
    };
  };
}

// Apollo reports a few request problems (an APQ hash that does not match its query, an
// unsupported APQ version) as code-less GraphQLErrors with a 4xx status: the client's fault,
// with a safe message, so they become BAD_REQUEST instead of a masked internal error.
export function isUncodedRequestError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.originalError || error.extensions.code) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

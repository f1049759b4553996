import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../context';
import { isDatabaseUnavailable } from '../db/database-error';
import { AppError } from '../errors/app-error';
import { createFormatError } from '../errors/format-error';
import type { Logger } from '../observability/logger';

const format = createFormatError({ includeStack: false, isUnavailable: isDatabaseUnavailable });

/**
 * graphql-ws sends errors raw; this applies Apollo's masking (format-error.ts), drops the
 * transport-only `http` extension and adds the connection's request id, logging what was masked.
 */
export function formatWebSocketErrors(errors: readonly GraphQLError[], context: RequestContext | undefined, log: Logger): GraphQLFormattedError[] {
  return errors.map((error) => {
    const original = error.originalError ?? error;
    if (!(original instanceof AppError) && !(error instanceof AppError) && !error.extensions?.code) {
      (context?.log ?? log).error({ err: original, path: error.path }, 'websocket operation failed');
    }
    const formatted = format(error.toJSON(), error);
    const { http: _http, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: { ...extensions, ...(context && { requestId: context.requestId }) } };
  });
}

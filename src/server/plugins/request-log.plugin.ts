import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../context';
import { isUncodedRequestError } from '../../errors/format-error';

/**
 * One structured line per operation (name, type, duration, status, outcome, error codes, request
 * id and user id) and the full original of every error, masked or not, so a request id in a
 * response leads to its cause.
 */
export function requestLogPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      let errorCodes: string[] = [];
      return {
        async didEncounterErrors({ errors }) {
          // The code the client sees (format-error.ts): an uncoded 4xx request error (an APQ hash
          // that does not match its query) is the client's BAD_REQUEST, not a fault of ours.
          const codeOf = (error: (typeof errors)[number]) =>
            String(error.extensions?.code ?? (isUncodedRequestError(error) ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR'));
          errorCodes = errors.map(codeOf);
          for (const error of errors) {
            const original = error.originalError ?? error;
            const code = codeOf(error);
            // Only our own faults are errors with a stack; a coded refusal is in the request line.
            const level = code === 'INTERNAL_SERVER_ERROR' ? 'error' : 'debug';
            if (!contextValue.logs(level)) continue;
            if (level === 'error') contextValue.log.error({ err: original, path: error.path, code }, 'graphql error');
            else contextValue.log.debug({ path: error.path, code, message: error.message }, 'graphql error');
          }
        },
        async willSendResponse({ operationName, operation, response }) {
          // Checked first: below info nothing is written, and the request's logger is never built.
          if (!contextValue.logs('info')) return;
          contextValue.log.info(
            {
              // The request's child logger already carries userId for signed-in callers; anonymous
              // ones say so explicitly, so "no user" and "field missing" are not confused.
              ...(!('userId' in contextValue.log.bindings()) && { userId: contextValue.viewer?.userId ?? null }),
              operationName: operationName ?? null,
              operationType: operation?.operation ?? null,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              status: response.http.status ?? 200,
              outcome: errorCodes.length === 0 ? 'ok' : 'error',
              ...(errorCodes.length > 0 && { errorCodes }),
            },
            'graphql request',
          );
        },
      };
    },
  };
}

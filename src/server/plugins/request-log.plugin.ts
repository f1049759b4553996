import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../context';

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
          errorCodes = errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          for (const error of errors) {
            const original = error.originalError ?? error;
            const level = error.extensions?.code && error.extensions.code !== 'INTERNAL_SERVER_ERROR' ? 'debug' : 'error';
            if (!contextValue.logs(level)) continue;
            contextValue.log[level]({ err: original, path: error.path, code: error.extensions?.code }, 'graphql error');
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

import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../context';
import type { Metrics, RequestOutcome } from '../../observability/metrics';

/** Counts every GraphQL operation over HTTP with its outcome, latency and error codes. */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let errorCodes: string[] = [];
      return {
        async didEncounterErrors({ errors }) {
          errorCodes = errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
        },
        async willSendResponse({ operation, response }) {
          let outcome: RequestOutcome = errorCodes.length === 0 ? 'ok' : 'error';
          if (response.body.kind === 'single') {
            const { data, errors } = response.body.singleResult;
            if (errors?.length) outcome = data ? 'partial' : 'error';
          }
          metrics.recordRequest({
            // The parsed operation's own name, not the client's operationName field: only names
            // that exist in a valid document reach the label.
            operationName: operation?.name?.value ?? null,
            operationType: operation?.operation ?? null,
            outcome,
            durationSeconds: (performance.now() - started) / 1000,
            errorCodes,
          });
        },
      };
    },
  };
}

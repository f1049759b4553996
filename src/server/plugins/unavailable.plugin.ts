import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../context';

/**
 * A response whose data is lost to an outage (every error SERVICE_UNAVAILABLE, no data) is a
 * 503 with retry-after, so load balancers and clients retry instead of treating it as success.
 */
export function unavailablePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data != null || !errors?.length) return;
          if (!errors.every((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', '1');
        },
      };
    },
  };
}

import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config/load-config';
import type { RequestContext } from '../context';
import { isDatabaseUnavailable } from '../db/unavailable';
import { createFormatError } from '../errors/format-error';
import { requestIdPlugin } from './plugins/request-id.plugin';
import { requestLogPlugin } from './plugins/request-log.plugin';

/**
 * Every option Apollo would otherwise derive from NODE_ENV is set from our config, so the
 * behaviour in production is the behaviour tested here.
 */
export function createApolloServer(
  config: Config,
  schema: GraphQLSchema,
  extraPlugins: ApolloServerPlugin<RequestContext>[] = [],
): ApolloServer<RequestContext> {
  const development = config.nodeEnv === 'development';
  return new ApolloServer<RequestContext>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: development,
    hideSchemaDetailsFromClientErrors: config.nodeEnv === 'production',
    csrfPrevention: true,
    // main.ts owns the shutdown order (HTTP, websockets, then the database).
    stopOnTerminationSignals: false,
    formatError: createFormatError({ includeStack: development, isUnavailable: isDatabaseUnavailable }),
    plugins: [
      // Our own Playground is served by http-server.ts; Apollo's landing page loads from a CDN.
      ApolloServerPluginLandingPageDisabled(),
      requestIdPlugin(),
      requestLogPlugin(),
      ...extraPlugins,
    ],
  });
}

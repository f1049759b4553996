import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { createRequestContext, type RequestContext, type Viewer } from '../../src/context';
import type { Db } from '../../src/db/client';
import { createLogger } from '../../src/observability/logger';
import { createInProcessPubSub } from '../../src/pubsub/in-process-pubsub';
import { buildSchema } from '../../src/schema/build-schema';
import { createApolloServer } from '../../src/server/apollo';
import { createRateLimiter } from '../../src/server/rate-limit/rate-limiter';
import { createServices } from '../../src/services';
import { testConfig } from './test-config';

export interface Executor {
  (query: string, variables?: Record<string, unknown>, viewer?: Viewer | null): Promise<{ data?: any; errors?: any[] }>;
  readonly apollo: ApolloServer<RequestContext>;
}

/** In-process execution through Apollo (plugins, error formatting) without HTTP. */
export async function createExecutor(db: Db): Promise<Executor> {
  const log = createLogger('silent');
  const pubsub = createInProcessPubSub();
  const services = createServices({ db, log, pubsub });
  const apollo = createApolloServer(testConfig(), await buildSchema({ pubSub: pubsub }), [], createRateLimiter({ log }));
  await apollo.start();
  const execute = async (query: string, variables?: Record<string, unknown>, viewer: Viewer | null = null) => {
    const response = await apollo.executeOperation(
      { query, variables },
      { contextValue: createRequestContext({ db, services, log }, { requestId: randomUUID(), viewer, clientAddress: '127.0.0.1' }) },
    );
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult as { data?: any; errors?: any[] };
  };
  return Object.assign(execute, { apollo });
}

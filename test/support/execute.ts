import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { createRequestContext, type RequestContext, type Viewer } from '../../src/context';
import type { Db } from '../../src/db/client';
import { createLogger } from '../../src/observability/logger';
import { createInProcessPubSub } from '../../src/pubsub/in-process-pubsub';
import { buildSchema } from '../../src/schema/build-schema';
import { createApolloServer } from '../../src/server/apollo';
import { createCompiledExecution } from '../../src/server/compiled-execution';
import { createRateLimiter } from '../../src/server/rate-limit/rate-limiter';
import { createServices, type Services } from '../../src/services';
import { withExpectations, type Expectations, type ResultError } from './result';
import { testConfig } from './test-config';

/**
 * One in-process result: `data`/`errors` as Apollo formats them, plus expectData()/expectError().
 * Give the data's type (`execute<{ paper: { title: string } }>(…)`); untyped callers get `any`.
 */
export type ExecutionResult<TData = any> = { readonly data?: TData; readonly errors?: ResultError[] } & Expectations<TData>;

export interface Executor {
  <TData = any>(query: string, variables?: Record<string, unknown>, viewer?: Viewer | null): Promise<ExecutionResult<TData>>;
  readonly apollo: ApolloServer<RequestContext>;
}

/** Runs operations through Apollo (plugins, error formatting) without HTTP, with the services given or the default set. */
export async function executorFor(
  db: Db,
  options: { services?: (defaults: { pubsub: ReturnType<typeof createInProcessPubSub> }) => Services } = {},
): Promise<Executor> {
  const log = createLogger('silent');
  const pubsub = createInProcessPubSub();
  const services = options.services ? options.services({ pubsub }) : createServices({ db, log, pubsub });
  const schema = await buildSchema({ pubSub: pubsub });
  // As the server runs them: a query seen twice runs compiled.
  const apollo = createApolloServer(testConfig(), schema, [], createRateLimiter({ log }), createCompiledExecution(schema));
  await apollo.start();
  const execute = async <TData = any>(query: string, variables?: Record<string, unknown>, viewer: Viewer | null = null): Promise<ExecutionResult<TData>> => {
    const response = await apollo.executeOperation(
      { query, variables },
      { contextValue: createRequestContext({ db, services, log }, { requestId: randomUUID(), viewer, clientAddress: '127.0.0.1' }) },
    );
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    const body = response.body.singleResult as { data?: TData; errors?: ResultError[] };
    const describe = () => `query:\n${query}\nvariables: ${JSON.stringify(variables)}\nbody: ${JSON.stringify(body, null, 2).slice(0, 4000)}`;
    return withExpectations<typeof body, TData>(body, describe);
  };
  return Object.assign(execute, { apollo });
}

/** In-process execution through Apollo (plugins, error formatting) without HTTP. */
export function createExecutor(db: Db): Promise<Executor> {
  return executorFor(db);
}

import type { FormattedExecutionResult } from 'graphql';
import type { Client } from 'graphql-ws';
import { connectWs } from './ws-client';

export interface OperationSocket {
  readonly client: Client;
  /** Runs one query or mutation over this socket and resolves with its single result. */
  run(query: string, variables?: Record<string, unknown>): Promise<FormattedExecutionResult<Record<string, any>, unknown>>;
  close(): Promise<void>;
}

/** One graphql-ws connection (connection_init with connectionParams) that many operations share, as a browser's does. */
export async function openOperationSocket(baseUrl: string, connectionParams: Record<string, unknown> = {}): Promise<OperationSocket> {
  const { client, connected: ack } = connectWs(baseUrl, connectionParams);
  await ack;
  return {
    client,
    run: (query, variables = {}) =>
      new Promise((resolve, reject) => {
        let last: FormattedExecutionResult<Record<string, any>, unknown> | undefined;
        client.subscribe<Record<string, any>>(
          { query, variables },
          {
            next: (result) => (last = result),
            error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
            complete: () => (last ? resolve(last) : reject(new Error('the operation completed without a result'))),
          },
        );
      }),
    close: () => client.dispose() as Promise<void>,
  };
}

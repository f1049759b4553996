import { Client } from 'pg';

/**
 * A pg Client whose query_timeout also frees its connection. pg's read timeout fails the query
 * but, outside pipeline mode, leaves it active on the connection: when the network silently
 * drops packets, every later statement on that connection (the transaction's ROLLBACK, the next
 * request's query) would queue behind it and hang too. Destroying the socket ends the
 * connection instead, and the pool replaces it. statement_timeout cannot do this: it runs on a
 * server the client can no longer hear.
 */
export class BoundedClient extends Client {
  // pg's query() has a dozen overloads; this wrapper only observes the outcome of each form.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const callback = args[args.length - 1];
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        this.dropIfTimedOut(error);
        callback(error, result);
      };
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        this.dropIfTimedOut(error);
        throw error;
      });
    }
    return result;
  }

  private dropIfTimedOut(error: unknown): void {
    if (error instanceof Error && error.message === 'Query read timeout') {
      (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    }
  }
}

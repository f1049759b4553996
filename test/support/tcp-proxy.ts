import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  /** 127.0.0.1:port to give the code under test instead of the real service. */
  readonly host: string;
  readonly port: number;
  /** Refuse: destroys every open connection (RST) and refuses new ones until restore(). */
  cut(): void;
  /** Reset: destroys every open connection (RST) once; new connections go through. */
  reset(): void;
  /**
   * Blackhole: packets vanish in both directions, open connections and new ones alike, with no
   * RST or FIN, as when a network partition drops traffic. restore() drops the stalled connections.
   */
  blackhole(): void;
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy the test controls, between the server under test and a shared service
 * (PostgreSQL, Redis): its faults simulate an outage without touching the service itself.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<{ client: Socket; upstream?: Socket }>();
  let mode: 'pass' | 'refuse' | 'blackhole' = 'pass';
  const swallow = (socket: Socket) => {
    socket.removeAllListeners('data');
    socket.on('data', () => undefined);
  };
  const server: Server = createServer((client) => {
    if (mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    const pair: { client: Socket; upstream?: Socket } = { client };
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      pair.upstream?.destroy();
    };
    client.on('error', drop).on('close', drop);
    if (mode === 'blackhole') {
      swallow(client);
      return;
    }
    const upstream = connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // An RST, unless the socket already began a graceful shutdown (a pipe ends its destination when
  // the source ends): resetting it then leaves Node's TCP handle open, and the process that ran
  // the test never exits (Node's cleanup loops on the handle at 100% CPU). Such a socket is
  // closing anyway; destroy() finishes it.
  const reset = (socket: Socket) => (socket.writableEnded ? socket.destroy() : socket.resetAndDestroy());
  const destroyAll = () => {
    for (const pair of pairs) {
      reset(pair.client);
      if (pair.upstream) reset(pair.upstream);
    }
    pairs.clear();
  };
  return {
    host: '127.0.0.1',
    port,
    cut() {
      mode = 'refuse';
      destroyAll();
    },
    reset: destroyAll,
    blackhole() {
      mode = 'blackhole';
      for (const { client, upstream } of pairs) {
        client.unpipe();
        upstream?.unpipe();
        swallow(client);
        if (upstream) swallow(upstream);
      }
    },
    restore() {
      if (mode === 'blackhole') destroyAll();
      mode = 'pass';
    },
    async close() {
      mode = 'refuse';
      destroyAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The URL with its host and port replaced by the proxy's. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const parsed = new URL(url);
  parsed.hostname = proxy.host;
  parsed.port = String(proxy.port);
  return parsed.toString();
}

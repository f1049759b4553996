import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { Config } from './config/load-config';
import { createRequestContext, type RequestContext } from './context';
import { createDb, type Db } from './db/client';
import { migrate } from './db/migrate';
import { seedDemoIfEmpty } from './import/demo-data';
import { createLogger, type Logger } from './observability/logger';
import { buildSchema } from './schema/build-schema';
import { createApolloServer } from './server/apollo';
import { createHttpHandler } from './server/http-server';
import { attachWebSocket, type WebSocketTransport } from './server/websocket';
import { createServices, type Services } from './services';

export interface App {
  /** Listens on config.port (0 picks a free port); resolves with the base URL. */
  start(): Promise<string>;
  /** Drains HTTP, closes websockets with 1001, then the database. Idempotent. */
  stop(): Promise<void>;
  readonly url: string;
  readonly db: Db;
  readonly services: Services;
  readonly log: Logger;
  readonly httpServer: Server;
  readonly websocket: WebSocketTransport;
}

export interface AppOverrides {
  /** Tests pass a database they created (and close themselves). */
  readonly db?: Db;
  readonly log?: Logger;
}

/** Builds the whole service from a validated config; nothing listens until start(). */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const log = overrides.log ?? createLogger(config.logLevel);
  const db =
    overrides.db ??
    (await createDb({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.dbPoolSize,
      connectTimeoutMs: config.dbConnectTimeoutMs,
      statementTimeoutMs: config.dbStatementTimeoutMs,
    }));
  if (config.migrateOnStart) {
    const result = await migrate(db);
    if (result.applied.length > 0) log.info({ applied: result.applied }, 'database migrated');
  }
  if (config.seedDemo && db.engine === 'pglite') {
    const seeded = await seedDemoIfEmpty(db);
    if (seeded) log.info({ created: seeded.created, skipped: seeded.skipped.length }, 'demo papers loaded');
  }

  const services = createServices({ db, log });
  const contextDeps = { db, services, log };
  const contextFor = async (_req: IncomingMessage, requestId: string): Promise<RequestContext> =>
    createRequestContext(contextDeps, { requestId, viewer: null });

  const schema = await buildSchema();
  const httpServer = createServer();
  httpServer.requestTimeout = 30_000;
  httpServer.headersTimeout = 10_000;
  httpServer.keepAliveTimeout = 5_000;
  const websocket = attachWebSocket({
    httpServer,
    schema,
    log,
    maxPayloadBytes: 64 * 1024,
    contextFor: async () => createRequestContext(contextDeps, { requestId: crypto.randomUUID(), viewer: null }),
  });
  const apollo = createApolloServer(config, schema, [ApolloServerPluginDrainHttpServer({ httpServer })]);
  await apollo.start();
  httpServer.on(
    'request',
    createHttpHandler({
      apollo,
      log,
      bodyLimitBytes: 1024 * 1024,
      readinessTimeoutMs: 2000,
      contextFor,
      checkDatabase: () => db.ping(),
    }),
  );

  let url = '';
  let stopping: Promise<void> | undefined;
  return {
    get url() {
      return url;
    },
    db,
    services,
    log,
    httpServer,
    websocket,
    async start() {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => resolve());
      });
      const { port } = httpServer.address() as AddressInfo;
      url = `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${port}`;
      log.info({ url: `${url}/graphql`, database: db.engine }, 'server listening');
      return url;
    },
    stop() {
      stopping ??= (async () => {
        await websocket.close();
        await apollo.stop();
        if (!overrides.db) await db.close();
      })();
      return stopping;
    },
  };
}

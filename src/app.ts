import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { Config } from './config/load-config';
import { createRequestContext, type RequestContext, type RequestSession } from './context';
import { serveAdminSocket, type AdminSocket } from './admin/admin-socket-server';
import { createDb, type Db } from './db/client';
import { dbOptionsFrom } from './db/db-options';
import { migrate } from './db/migrate';
import { seedDemoIfEmpty } from './import/demo-data';
import { createDigestRuntime } from './digest/digest-runtime';
import { createDigestPages } from './digest/digest-pages';
import { createLogger, type Logger } from './observability/logger';
import { bearerToken } from './auth/bearer';
import { createPubSub, type AppPubSub } from './pubsub/create-pubsub';
import { createMetrics } from './observability/metrics';
import { buildSchema } from './schema/build-schema';
import { createApolloServer } from './server/apollo';
import { createCompiledExecution } from './server/compiled-execution';
import { clientIp } from './server/client-ip';
import { createCors } from './server/cors';
import { createHttpHandler } from './server/http-server';
import { createInProcessGraphQL } from './server/in-process-graphql';
import { createPublicRoutes } from './server/public-routes';
import { createAccountRoutes } from './server/oauth/account-routes';
import { createRateLimiter } from './server/rate-limit/rate-limiter';
import { createPlayground } from './server/playground/playground';
import { metricsPlugin } from './server/plugins/metrics.plugin';
import { createResponseCache } from './server/response-cache/response-cache';
import { invalidateOnEvents } from './server/response-cache/invalidate-on-events';
import { attachWebSocket, type WebSocketTransport } from './server/websocket';
import { createServices, type Services } from './services';
import { systemResolver, type HostResolver } from './services/webhook-address';
import { createWebhookWorker } from './webhooks/webhook-worker';

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
  readonly pubsub: AppPubSub;
}

export interface AppOverrides {
  /** Tests pass a database they created (and close themselves). */
  readonly db?: Db;
  readonly log?: Logger;
  /** Tests answer webhook host names themselves (DNS rebinding without a DNS server). */
  readonly resolveHost?: HostResolver;
}

/** Builds the whole service from a validated config; nothing listens until start(). */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const log = overrides.log ?? createLogger(config.logLevel);
  const db = overrides.db ?? (await createDb(dbOptionsFrom(config)));
  if (config.migrateOnStart) {
    const result = await migrate(db);
    if (result.applied.length > 0) log.info({ applied: result.applied }, 'database migrated');
  }
  if (config.seedDemo && db.engine === 'pglite') {
    const seeded = await seedDemoIfEmpty(db);
    if (seeded) log.info({ created: seeded.created, skipped: seeded.skipped.length }, 'demo papers loaded');
  }

  const pubsub = await createPubSub({ redisUrl: config.redisUrl, channelPrefix: config.redisChannelPrefix, log });
  const digest = createDigestRuntime({ db, log, config: config.digest });
  const limiter = createRateLimiter({ redisUrl: config.redisUrl, log });
  const services = createServices({
    db,
    log,
    pubsub,
    digestMailer: digest.confirmationMailer,
    signInMailer: digest.signInMailer,
    digestThrottle: {
      limiter,
      perAddressPerHour: config.digest.subscribeLimitPerAddress,
      perIpPerHour: config.digest.subscribeLimitPerIp,
    },
    webhooks: { rules: config.webhooks, resolve: overrides.resolveHost ?? systemResolver },
  });
  const webhookWorker = createWebhookWorker({
    db,
    log,
    config: config.webhooks,
    resolve: overrides.resolveHost ?? systemResolver,
    publicBaseUrl: config.digest.publicBaseUrl,
  });
  const contextDeps = { db, services, log };
  // Authentication happens before the loaders are built, so viewer-specific caches are per viewer.
  const sessionFor = async (authorization: unknown, clientAddress: string): Promise<RequestSession> => {
    const token = bearerToken(authorization);
    return { viewer: token ? await services.identity.authenticate(token) : null, clientAddress };
  };
  const contextFor = async (req: IncomingMessage, requestId: string): Promise<RequestContext> =>
    createRequestContext(contextDeps, { requestId, ...(await sessionFor(req.headers.authorization, clientIp(req, config.limits.trustProxyHops))) });
  // The sign-in and OAuth pages act anonymously: their person comes from a session cookie, never a bearer header.
  const accountRoutes = createAccountRoutes({
    services,
    issuer: config.digest.publicBaseUrl,
    contextFor: async (req) =>
      createRequestContext(contextDeps, { requestId: crypto.randomUUID(), viewer: null, clientAddress: clientIp(req, config.limits.trustProxyHops) }),
  });
  const digestPages = createDigestPages({ service: services.digestSubscriptions, contextFor: (req) => contextFor(req, crypto.randomUUID()) });

  const schema = await buildSchema({ pubSub: pubsub });
  // Node enforces the timeouts below on this interval (default 30 s), so keep it short.
  const httpServer = createServer({ connectionsCheckingInterval: 1000 });
  // Slowloris bounds: a client must finish its headers, and its whole request, in time.
  httpServer.requestTimeout = config.limits.httpRequestTimeoutMs;
  httpServer.headersTimeout = config.limits.httpHeadersTimeoutMs;
  httpServer.keepAliveTimeout = 5_000;
  const websocket = attachWebSocket({
    httpServer,
    schema,
    log,
    maxPayloadBytes: config.limits.wsMaxPayloadBytes,
    limits: config.limits,
    limiter,
    sessionFor: (request, connectionParams) => sessionFor(connectionParams?.authorization, clientIp(request, config.limits.trustProxyHops)),
    contextFor: (session) => createRequestContext(contextDeps, { requestId: crypto.randomUUID(), ...session }),
  });
  const responseCache = createResponseCache(config.responseCache);
  const stopInvalidating = invalidateOnEvents(pubsub, responseCache);
  const execution = config.compileQueries ? createCompiledExecution(schema) : null;
  const metrics = createMetrics({
    db,
    activeSubscriptions: () => websocket.activeSubscriptions(),
    responseCache: () => responseCache.stats(),
    executions: () => execution?.stats ?? null,
  });
  const playground = createPlayground({ enabled: config.playground, endpoint: '/graphql' });
  const apollo = createApolloServer(
    config,
    schema,
    [ApolloServerPluginDrainHttpServer({ httpServer }), metricsPlugin(metrics), ...responseCache.plugins],
    limiter,
    execution,
  );
  await apollo.start();
  const cors = createCors(config.limits.corsOrigins);
  const publicRoutes = createPublicRoutes({
    graphql: createInProcessGraphQL({ apollo, contextFor, log }),
    log,
    cors,
    publicBaseUrl: config.digest.publicBaseUrl,
  });
  httpServer.on(
    'request',
    createHttpHandler({
      apollo,
      log,
      bodyLimitBytes: config.limits.bodyLimitBytes,
      cors,
      readinessTimeoutMs: 2000,
      contextFor,
      checkDatabase: () => db.ping(),
      playground: playground.page,
      extraRoutes: async (req, res) =>
        playground.assets(req, res) ||
        (await metrics.handle(req, res)) ||
        (await digestPages(req, res)) ||
        (await publicRoutes(req, res)) ||
        accountRoutes(req, res),
    }),
  );

  let url = '';
  let stopping: Promise<void> | undefined;
  let adminSocket: AdminSocket | null = null;
  return {
    get url() {
      return url;
    },
    db,
    services,
    log,
    httpServer,
    websocket,
    pubsub,
    async start() {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => resolve());
      });
      const { port } = httpServer.address() as AddressInfo;
      url = `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${port}`;
      // The CLIs beside this server reach its embedded database through it (admin/admin-socket-server.ts).
      if (!overrides.db) adminSocket = await serveAdminSocket({ config, db, log });
      log.info({ url: `${url}/graphql`, database: db.engine, ...(adminSocket && { adminSocket: adminSocket.path }) }, 'server listening');
      digest.startSchedule();
      if (config.webhooks.deliver) webhookWorker.start();
      return url;
    },
    stop() {
      stopping ??= (async () => {
        // The worker stops claiming at once and finishes its attempts in flight (each bounded by
        // WEBHOOK_TIMEOUT_MS) while the rest drains; they are recorded before the database closes.
        const webhooksStopped = webhookWorker.stop();
        await websocket.close();
        await adminSocket?.close();
        await apollo.stop();
        await limiter.close();
        stopInvalidating();
        await pubsub.close();
        await digest.stop(async () => {
          await services.digestSubscriptions.whenIdle();
          await services.signIn.whenIdle();
        });
        await webhooksStopped;
        metrics.close();
        if (!overrides.db) await db.close();
      })();
      return stopping;
    },
  };
}

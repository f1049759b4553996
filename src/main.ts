import 'reflect-metadata';
import { createApp } from './app';
import { loadConfig } from './config/load-config';
import { startupBanner } from './startup-banner';
import { assertPortFree, exitOnStartupError } from './startup-errors';

// The process entry: the only place that reads process.env and calls process.exit.
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    exitOnStartupError(error);
  }
  let app;
  try {
    await assertPortFree(config.host, config.port);
    app = await createApp(config);
    await app.start();
  } catch (error) {
    exitOnStartupError(error, config);
  }
  if (process.stdout.isTTY) console.log(startupBanner(config, app.url));

  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    app.log.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      app.log.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    app.stop().then(
      () => {
        app.log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

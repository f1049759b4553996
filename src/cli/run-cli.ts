import { loadConfig, type Config } from '../config/load-config';
import type { AdminCommand, CommandIo, DbOverrides } from '../admin/admin-command';
import { COMMAND_META, type AdminCommandName, type CommandMeta } from '../admin/commands/meta';
import { absoluteImportArgv } from '../admin/import-argv';
import { runThroughRunningServer } from '../admin/admin-socket-client';
import type { Db } from '../db/client';
import { exitOnStartupError, settingsFromEnv } from '../startup-errors';

// The one way every `npm run <cli>` runs: through the running server when it owns the embedded
// database (the call costs a round trip on a local socket), otherwise here, on a database this
// process opens. The modules behind the second path (Prisma, PGlite, the services) are loaded only
// when it is taken, so the first path stays quick (hence the dynamic imports, with the compiled
// file names node16 resolution asks of them).

export function runCli(name: AdminCommandName, argv: readonly string[] = process.argv.slice(2)): void {
  main(name, argv).then(
    (code) => process.exit(code),
    (error: unknown) => exitOnStartupError(error, settingsFromEnv(process.env)),
  );
}

async function main(name: AdminCommandName, argv: readonly string[]): Promise<number> {
  const config = loadConfig(process.env);
  const meta: CommandMeta = COMMAND_META[name];
  const forwarded = name === 'import' ? absoluteImportArgv(argv, process.cwd()) : argv;
  const viaServer = await runThroughRunningServer(name, forwarded, config, { onInterrupt: meta.onInterrupt });
  if (viaServer !== null) return viaServer;
  const { ADMIN_COMMANDS } = await import('../admin/commands/index.js');
  return runHere(ADMIN_COMMANDS[name], meta, argv, config);
}

async function runHere(command: AdminCommand, meta: CommandMeta, argv: readonly string[], config: Config): Promise<number> {
  const [{ createDb }, { dbOptionsFrom }, { migrate }] = await Promise.all([
    import('../db/client.js'),
    import('../db/db-options.js'),
    import('../db/migrate.js'),
  ]);
  let db: Db | undefined;
  const aborter = new AbortController();
  if (meta.onInterrupt) {
    const onSignal = () => {
      if (aborter.signal.aborted) process.exit(130);
      process.stderr.write(`\n${meta.onInterrupt}\n`);
      aborter.abort();
    };
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  }
  const io: CommandIo = {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    progress: process.stderr,
    signal: aborter.signal,
  };
  const openDb = async (overrides: DbOverrides = {}): Promise<Db> => {
    if (db) return db;
    const opened = await createDb(dbOptionsFrom(config, overrides));
    db = opened;
    if (meta.migrates === 'always' || (meta.migrates !== 'itself' && config.migrateOnStart)) await migrate(opened);
    return opened;
  };
  try {
    return await command.run(argv, { config, db: openDb, inServer: false }, io);
  } finally {
    await db?.close();
  }
}

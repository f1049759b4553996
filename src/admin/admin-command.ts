import type { Config } from '../config/load-config';
import type { Db, DbOptions } from '../db/client';

// What every CLI command is, wherever it runs: in its own process on a database it opens, or
// inside the running server on the server's database (the embedded database has one owner, so a
// CLI beside `npm start` asks the server to run it; see admin-socket.ts).

/** Where a command writes: stdout lines, stderr lines, and a stream for progress bars. */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  /** stderr of the terminal the user typed the command in; not a TTY when the server runs the command. */
  readonly progress: NodeJS.WritableStream & { isTTY?: boolean };
  /** Aborted on the user's first Ctrl-C: stop after the work in flight and report. */
  readonly signal: AbortSignal;
}

/** Database options a command may ask for when it opens its own database (the server's is as configured). */
export type DbOverrides = Partial<Pick<DbOptions, 'poolSize' | 'statementTimeoutMs'>>;

export interface CommandDeps {
  readonly config: Config;
  /** The database, migrated; opened on first call (a usage error or a dry run never opens it). */
  db(overrides?: DbOverrides): Promise<Db>;
  /** True inside the running server. */
  readonly inServer: boolean;
}

export interface AdminCommand {
  /** Returns the process exit code. Its name, script and set-up are in commands/meta.ts. */
  run(argv: readonly string[], deps: CommandDeps, io: CommandIo): Promise<number>;
}

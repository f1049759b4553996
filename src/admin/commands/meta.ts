// What a CLI is, apart from what it does: cheap to load, so a CLI that hands its command to the
// running server (admin-socket-client.ts) never loads the command itself.

export interface CommandMeta {
  /** The npm script, for messages. */
  readonly script: string;
  /**
   * When it runs in its own process: whether it migrates the database first ('always'), leaves that
   * to itself ('itself', db:migrate), or follows MIGRATE_ON_START (the default).
   */
  readonly migrates?: 'always' | 'itself';
  /** Set when a first Ctrl-C stops it cleanly (through io.signal): the line the user sees then. */
  readonly onInterrupt?: string;
}

export const COMMAND_META = {
  users: { script: 'npm run users' },
  import: { script: 'npm run import', onInterrupt: 'Stopping after the batch in flight (press Ctrl-C again to stop at once)…' },
  digest: { script: 'npm run digest' },
  migrate: { script: 'npm run db:migrate', migrates: 'itself' },
  synthetic: { script: 'npm run db:synthetic', migrates: 'always' },
  'demo-synthetic': { script: 'npm run demo:synthetic', migrates: 'always' },
} as const satisfies Record<string, CommandMeta>;

export type AdminCommandName = keyof typeof COMMAND_META;

export function isAdminCommandName(name: unknown): name is AdminCommandName {
  return typeof name === 'string' && Object.hasOwn(COMMAND_META, name);
}

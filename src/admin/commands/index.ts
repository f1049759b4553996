import type { AdminCommand } from '../admin-command';
import type { AdminCommandName } from './meta';
import { demoSyntheticCommand } from './demo-synthetic';
import { digestCommand } from './digest';
import { importCommand } from './import';
import { migrateCommand } from './migrate';
import { syntheticCommand } from './synthetic';
import { usersCommand } from './users';

/** Every CLI's command, by the name the admin socket knows it by (commands/meta.ts). */
export const ADMIN_COMMANDS: Record<AdminCommandName, AdminCommand> = {
  users: usersCommand,
  import: importCommand,
  digest: digestCommand,
  migrate: migrateCommand,
  synthetic: syntheticCommand,
  'demo-synthetic': demoSyntheticCommand,
};

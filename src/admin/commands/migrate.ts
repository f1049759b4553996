import { migrate } from '../../db/migrate';
import type { AdminCommand } from '../admin-command';

// npm run db:migrate — applies prisma/migrations to DATABASE_URL, or to the embedded database.
export const migrateCommand: AdminCommand = {
  async run(_argv, deps, io) {
    const result = await migrate(await deps.db());
    const target = deps.config.databaseUrl ? 'PostgreSQL' : `embedded database in ${deps.config.dataDir}`;
    io.out(
      result.applied.length > 0
        ? `Applied ${result.applied.length} migration(s) to ${target}: ${result.applied.join(', ')}`
        : `${target} is up to date (${result.alreadyApplied.length} migration(s) applied).`,
    );
    return 0;
  },
};

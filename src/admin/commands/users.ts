import { runUsersCommand } from '../users-command';
import { IdentityService } from '../../services/identity.service';
import type { AdminCommand } from '../admin-command';

// npm run users -- create|token|revoke|list … (the commands themselves: ../users-command.ts).
export const usersCommand: AdminCommand = {
  async run(argv, deps, io) {
    return runUsersCommand(argv, new IdentityService({ db: await deps.db() }), io);
  },
};

import { parseScopes } from '../auth/scopes';
import { AppError } from '../errors/app-error';
import type { IdentityService } from '../services/identity.service';

export const USERS_USAGE = `Usage: npm run users -- <command>
  create <handle> [--scopes read,write]   create a user and print its first token
  token <handle> [--scopes read,write]    issue another token for the user
  revoke <token-prefix>                   revoke a token (prefix as "dpat_1a2b3c4d")
  list <handle>                           list the user's tokens (never the secrets)`;

export interface UsersOutput {
  out(line: string): void;
  err(line: string): void;
}

/** Runs one `npm run users` command; returns the process exit code (2 for usage errors). */
export async function runUsersCommand(argv: readonly string[], identity: IdentityService, io: UsersOutput): Promise<number> {
  const args = [...argv];
  const scopesAt = args.indexOf('--scopes');
  let scopes;
  try {
    if (scopesAt >= 0) {
      scopes = parseScopes(args[scopesAt + 1] ?? '');
      args.splice(scopesAt, 2);
    }
    const [command, target, ...rest] = args;
    if (!command || !target || rest.length > 0) return usage(io);
    switch (command) {
      case 'create': {
        const { user, token } = await identity.createUser(target, scopes);
        io.out(`Created user ${user.handle} (id ${user.id}).`);
        printToken(io, token);
        return 0;
      }
      case 'token':
        printToken(io, await identity.issueToken(target, scopes));
        return 0;
      case 'revoke': {
        const token = await identity.revokeToken(target);
        io.out(`Revoked ${token.prefix} (revoked at ${token.revokedAt?.toISOString()}).`);
        return 0;
      }
      case 'list':
        for (const token of await identity.listTokens(target)) {
          const state = token.revokedAt ? `revoked ${token.revokedAt.toISOString()}` : 'active';
          const used = token.lastUsedAt ? `last used ${token.lastUsedAt.toISOString()}` : 'never used';
          io.out(`${token.prefix}  ${token.scopes.join(',')}  ${state}  created ${token.createdAt.toISOString()}  ${used}`);
        }
        return 0;
      default:
        return usage(io);
    }
  } catch (error) {
    if (error instanceof AppError) {
      io.err(`${error.code}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

function printToken(io: UsersOutput, token: { token: string; prefix: string; scopes: readonly string[] }): void {
  io.out(`Token ${token.prefix} with scopes ${token.scopes.join(',')}. It is shown only now; store it safely:`);
  io.out(token.token);
}

function usage(io: UsersOutput): number {
  io.err(USERS_USAGE);
  return 2;
}

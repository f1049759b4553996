import { requireScope } from '../auth/require-scope';
import { grantsScope, SCOPES, type Scope } from '../auth/scopes';
import { generateToken, isTokenPrefix, TOKEN_SCHEMES } from '../auth/token';
import type { RequestContext, Viewer } from '../context';
import type { Db } from '../db/client';
import type { ApiTokenRecord } from '../db/records';
import { BadUserInputError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors/errors';

/** A token as its owner sees it: never the secret or its hash. */
export type AccessTokenListing = Pick<ApiTokenRecord, 'id' | 'name' | 'prefix' | 'kind' | 'scopes' | 'createdAt' | 'lastUsedAt' | 'expiresAt' | 'revokedAt'>;

export interface CreatedAccessToken {
  /** The whole token; shown once, only its hash is stored. */
  readonly token: string;
  readonly listing: AccessTokenListing;
}

const LISTING = { id: true, name: true, prefix: true, kind: true, scopes: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } as const;
const MAX_NAME_LENGTH = 100;
/** Active personal tokens one person may hold: enough for every script, a bound on a runaway loop. */
export const MAX_ACTIVE_PERSONAL_TOKENS = 100;

/**
 * The person's own tokens: personal access tokens made through GraphQL, and sessions from signing
 * in by email. Managing tokens takes a token the person holds themselves (a session or a personal
 * token): an app's token could otherwise mint itself a broader, longer-lived one.
 */
export class AccessTokenService {
  private readonly now: () => Date;

  constructor(private readonly deps: { db: Db; now?: () => Date }) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Issues a personal access token with at most the caller's scopes; `expiresAt` null means it never expires. */
  async createPersonalAccessToken(
    ctx: RequestContext,
    input: { name: string; scopes: readonly string[]; expiresAt?: Date | null },
  ): Promise<CreatedAccessToken> {
    const viewer = requireOwnToken(ctx, 'write');
    const name = input.name.trim();
    if (name.length === 0 || name.length > MAX_NAME_LENGTH) throw new BadUserInputError('name', `A token name is 1–${MAX_NAME_LENGTH} characters.`);
    const scopes = requireScopes(input.scopes, viewer);
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt && expiresAt.getTime() <= this.now().getTime())
      throw new BadUserInputError('expiresAt', 'expiresAt must be in the future (or null for a token that never expires).');
    const { prisma } = this.deps.db;
    const active = await prisma.apiToken.count({ where: { userId: viewer.userId, kind: 'personal', revokedAt: null } });
    if (active >= MAX_ACTIVE_PERSONAL_TOKENS) {
      throw new BadUserInputError('input', `You already have ${MAX_ACTIVE_PERSONAL_TOKENS} active personal access tokens; revoke one first.`);
    }
    const issued = generateToken(TOKEN_SCHEMES.personal);
    const listing = await prisma.apiToken.create({
      data: { userId: viewer.userId, kind: 'personal', name, prefix: issued.prefix, secretHash: issued.secretHash, scopes, expiresAt },
      select: LISTING,
    });
    return { token: issued.token, listing };
  }

  /** Issues a session for a person who just signed in: every scope, expiring after `ttlMs`. */
  async issueSession(userId: number, ttlMs: number): Promise<CreatedAccessToken> {
    const issued = generateToken(TOKEN_SCHEMES.session);
    const listing = await this.deps.db.prisma.apiToken.create({
      data: {
        userId,
        kind: 'session',
        name: 'Signed in by email',
        prefix: issued.prefix,
        secretHash: issued.secretHash,
        scopes: [...SCOPES],
        expiresAt: new Date(this.now().getTime() + ttlMs),
      },
      select: LISTING,
    });
    return { token: issued.token, listing };
  }

  /** The viewer's personal tokens and sessions that are neither revoked nor expired, newest first. */
  async listViewerTokens(ctx: RequestContext): Promise<AccessTokenListing[]> {
    const viewer = requireOwnToken(ctx, 'read');
    return this.deps.db.prisma.apiToken.findMany({
      where: {
        userId: viewer.userId,
        kind: { in: ['personal', 'session'] },
        revokedAt: null,
        OR: [{ expiresAt: null }, { expiresAt: { gt: this.now() } }],
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: LISTING,
    });
  }

  /** Revokes one of the viewer's own tokens by prefix; NOT_FOUND for anyone else's. Revoking twice is harmless. */
  async revokeViewerToken(ctx: RequestContext, prefix: string): Promise<AccessTokenListing> {
    const viewer = requireOwnToken(ctx, 'write');
    if (!isTokenPrefix(prefix)) throw new BadUserInputError('prefix', `"${prefix}" is not a token prefix; expected "dpat_" or "dpst_" and 8 hex digits.`);
    const { prisma } = this.deps.db;
    const where = { prefix, userId: viewer.userId, kind: { in: ['personal', 'session'] } };
    await prisma.apiToken.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: this.now() } });
    const token = await prisma.apiToken.findFirst({ where, select: LISTING });
    if (!token) throw new NotFoundError('AccessToken', prefix);
    return token;
  }

  /** Revokes the token this request was made with (any kind, any scope: ending your own token needs none); later requests with it get 401. */
  async signOut(ctx: RequestContext): Promise<void> {
    const viewer = ctx.viewer;
    if (!viewer) throw new UnauthenticatedError();
    if (viewer.tokenId === undefined) return;
    await this.deps.db.prisma.apiToken.updateMany({ where: { id: viewer.tokenId, revokedAt: null }, data: { revokedAt: this.now() } });
  }
}

function requireOwnToken(ctx: RequestContext, scope: Scope): Viewer {
  const viewer = requireScope(ctx.viewer, scope);
  if (viewer.tokenKind === 'oauth') {
    throw new ForbiddenError('Tokens issued to apps cannot manage tokens; sign in yourself or use a personal access token.');
  }
  return viewer;
}

function requireScopes(requested: readonly string[], viewer: Viewer): Scope[] {
  const scopes = [...new Set(requested)];
  const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new BadUserInputError('scopes', `scopes must be a non-empty subset of ${SCOPES.join(', ')}; unknown: ${unknown.join(', ') || 'none given'}.`);
  }
  const beyond = scopes.filter((scope) => !grantsScope(viewer.scopes, scope as Scope));
  if (beyond.length > 0) throw new ForbiddenError(`A new token cannot have scopes the token in use lacks: ${beyond.join(', ')}.`, beyond[0]);
  return scopes as Scope[];
}

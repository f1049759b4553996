import { DEFAULT_SCOPES, type Scope } from '../auth/scopes';
import { generateToken, isTokenPrefix, parseToken, secretMatches, TOKEN_SCHEMES } from '../auth/token';
import type { RequestContext, Viewer } from '../context';
import type { Db } from '../db/client';
import { isUniqueViolation } from '../db/database-error';
import { Prisma } from '../db/generated/client';
import type { ApiTokenRecord, UserRecord } from '../db/records';
import { BadUserInputError, ConflictError, NotFoundError, UnauthenticatedError } from '../errors/errors';
import { toGlobalId } from '../lib/global-id';

const HANDLE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,38}$/;
// last_used_at is advisory; refreshing it at most this often keeps authentication read-only
// for a busy token instead of one UPDATE per request.
const LAST_USED_RESOLUTION_MS = 5 * 60 * 1000;
// Compared against when the prefix is unknown, so both failures take the same work.
const DUMMY_HASH = new Uint8Array(32);

interface TokenViewerRow {
  readonly id: number;
  readonly secretHash: Uint8Array;
  readonly scopes: string[];
  readonly kind: string;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly userId: number;
  readonly handle: string;
  readonly oauthAppId: number | null;
}

export interface NewToken {
  /** The whole token; shown once, only its hash is stored. */
  readonly token: string;
  readonly prefix: string;
  readonly scopes: readonly Scope[];
}

export type TokenListing = Pick<ApiTokenRecord, 'prefix' | 'scopes' | 'createdAt' | 'lastUsedAt' | 'revokedAt'>;

/** Users and personal access tokens: issuing, revoking, and turning a bearer token into a viewer. */
export class IdentityService {
  constructor(private readonly deps: { db: Db }) {}

  /** Creates a user with a first token. CONFLICT (existingId = the user's global id) when the handle is taken. */
  async createUser(handle: string, scopes: readonly Scope[] = DEFAULT_SCOPES): Promise<{ user: UserRecord; token: NewToken }> {
    checkHandle(handle);
    const existing = await this.deps.db.prisma.user.findUnique({ where: { handle } });
    if (existing) throw new ConflictError(`A user with handle "${handle}" already exists.`, toGlobalId('User', existing.id));
    const issued = generateToken();
    try {
      const user = await this.deps.db.prisma.user.create({
        data: { handle, tokens: { create: { prefix: issued.prefix, secretHash: issued.secretHash, scopes: [...scopes] } } },
      });
      return { user, token: { token: issued.token, prefix: issued.prefix, scopes } };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const raced = await this.deps.db.prisma.user.findUniqueOrThrow({ where: { handle } });
      throw new ConflictError(`A user with handle "${handle}" already exists.`, toGlobalId('User', raced.id));
    }
  }

  /** Issues another token for an existing user. */
  async issueToken(handle: string, scopes: readonly Scope[] = DEFAULT_SCOPES): Promise<NewToken> {
    const user = await this.requireUser(handle);
    const issued = generateToken();
    await this.deps.db.prisma.apiToken.create({
      data: { userId: user.id, prefix: issued.prefix, secretHash: issued.secretHash, scopes: [...scopes] },
    });
    return { token: issued.token, prefix: issued.prefix, scopes };
  }

  /** Revokes the token with this prefix; revoking twice is harmless (the first time is kept). */
  async revokeToken(prefix: string): Promise<TokenListing> {
    if (!isTokenPrefix(prefix))
      throw new BadUserInputError('prefix', `"${prefix}" is not a token prefix; expected "dpat_" (or "dpst_", "dpoa_") and 8 hex digits.`);
    await this.deps.db.prisma.apiToken.updateMany({ where: { prefix, revokedAt: null }, data: { revokedAt: new Date() } });
    const token = await this.deps.db.prisma.apiToken.findUnique({ where: { prefix } });
    if (!token) throw new NotFoundError('ApiToken', prefix);
    return token;
  }

  /** The user's tokens, newest first, without any secret material. */
  async listTokens(handle: string): Promise<TokenListing[]> {
    const user = await this.requireUser(handle);
    return this.deps.db.prisma.apiToken.findMany({
      where: { userId: user.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { prefix: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    });
  }

  /** The viewer a bearer token stands for; UNAUTHENTICATED for a malformed, unknown or revoked token. */
  async authenticate(bearer: string): Promise<Viewer> {
    const parsed = parseToken(bearer);
    if (!parsed || parsed.prefix.startsWith(TOKEN_SCHEMES.refresh)) {
      throw new UnauthenticatedError('Invalid token: expected a bearer token such as "dpat_…" (a refresh token only works at /oauth/token).');
    }
    // Every signed-in request starts here: a prepared read, not Prisma's client (see db/prepared-reads.ts).
    const [token] = await this.deps.db.read<TokenViewerRow>(Prisma.sql`/* tokenViewer */
      SELECT t.id, t.secret_hash AS "secretHash", t.scopes, t.kind, t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt",
             t.last_used_at AS "lastUsedAt", t.oauth_app_id AS "oauthAppId", u.id AS "userId", u.handle
      FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.prefix = ${parsed.prefix}`);
    const matches = secretMatches(parsed.secret, token?.secretHash ?? DUMMY_HASH);
    if (!token || !matches) throw new UnauthenticatedError('Invalid token.');
    if (token.revokedAt) throw new UnauthenticatedError('This token has been revoked; issue a new one.');
    const now = Date.now();
    if (token.expiresAt && token.expiresAt.getTime() <= now) {
      throw new UnauthenticatedError(`This token expired at ${token.expiresAt.toISOString()}; issue a new one.`);
    }
    if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.deps.db.prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date(now) } });
    }
    return { userId: token.userId, handle: token.handle, scopes: token.scopes, tokenId: token.id, tokenKind: token.kind, appId: token.oauthAppId };
  }

  /** The calling user, or null when anonymous. */
  async viewerUser(ctx: RequestContext): Promise<UserRecord | null> {
    return ctx.viewer ? ctx.loaders.userById.load(ctx.viewer.userId) : null;
  }

  private async requireUser(handle: string): Promise<UserRecord> {
    checkHandle(handle);
    const user = await this.deps.db.prisma.user.findUnique({ where: { handle } });
    if (!user) throw new NotFoundError('User', handle);
    return user;
  }
}

export function checkHandle(handle: string): void {
  if (!HANDLE.test(handle)) {
    throw new BadUserInputError('handle', 'A handle is 1–39 letters, digits, "-" or "_", starting with a letter or digit.');
  }
}

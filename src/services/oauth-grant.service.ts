import { createHash, randomUUID } from 'node:crypto';
import { requireScope } from '../auth/require-scope';
import { OAuthError } from '../auth/oauth-error';
import { generateSecret, generateToken, hashSecret, parseToken, secretMatches, TOKEN_SCHEMES } from '../auth/token';
import type { RequestContext } from '../context';
import type { Db } from '../db/client';
import { ForbiddenError, NotFoundError } from '../errors/errors';
import type { OAuthAppRecord, OAuthAppService } from './oauth-app.service';

/** Codes live minutes (RFC 6749 §4.1.2 recommends at most ten); access tokens an hour; refresh tokens 30 days. */
export const CODE_TTL_MS = 5 * 60_000;
export const ACCESS_TOKEN_TTL_MS = 3_600_000;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3_600_000;

export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly refresh_token: string;
  readonly scope: string;
}

/** What /oauth/authorize checked before showing consent. */
export interface AuthorizationRequest {
  readonly app: OAuthAppRecord;
  readonly redirectUri: string;
  readonly scopes: string[];
  readonly codeChallenge: string | null;
  readonly state: string | null;
}

/** An app the viewer authorised, as viewer.authorizedApps lists it. */
export interface AppAuthorizationRecord {
  readonly app: OAuthAppRecord;
  readonly scopes: string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * The authorization-code grant with PKCE (RFC 6749, RFC 7636, OAuth 2.0 Security BCP): codes,
 * access and refresh tokens issued to apps, revocation (RFC 7009) and the person's grants.
 */
export class OAuthGrantService {
  private readonly now: () => Date;

  constructor(private readonly deps: { db: Db; oauthApps: OAuthAppService; now?: () => Date }) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Checks an authorization request. A bad client_id or redirect_uri is thrown as `{ redirect: false }`:
   * the browser must not be sent to an unverified URI. Anything else may be reported at the redirect URI.
   */
  async checkAuthorizationRequest(params: URLSearchParams): Promise<AuthorizationRequest> {
    const app = await this.deps.oauthApps.findByClientId(params.get('client_id') ?? '');
    if (!app) throw Object.assign(new OAuthError('invalid_request', 'Unknown client_id.'), { redirect: false });
    const requested = params.get('redirect_uri');
    const redirectUri = requested ?? (app.redirectUris.length === 1 ? app.redirectUris[0] : null);
    if (!redirectUri || !app.redirectUris.includes(redirectUri)) {
      throw Object.assign(new OAuthError('invalid_request', 'redirect_uri does not exactly match one registered for this app.'), { redirect: false });
    }
    if (params.get('response_type') !== 'code') throw new OAuthError('unsupported_response_type', 'Only response_type=code is supported.');
    const scopeText = params.get('scope');
    const scopes = scopeText ? [...new Set(scopeText.split(' ').filter(Boolean))] : app.scopes;
    const beyond = scopes.filter((scope) => !app.scopes.includes(scope));
    if (scopes.length === 0 || beyond.length > 0) throw new OAuthError('invalid_scope', `This app may ask only for: ${app.scopes.join(' ')}.`);
    const codeChallenge = params.get('code_challenge');
    const method = params.get('code_challenge_method') ?? (codeChallenge ? 'plain' : null);
    if (codeChallenge && method !== 'S256') throw new OAuthError('invalid_request', 'code_challenge_method must be S256.');
    if (codeChallenge && !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge))
      throw new OAuthError('invalid_request', 'code_challenge must be BASE64URL(SHA-256(code_verifier)), 43 characters.');
    if (!codeChallenge && !app.confidential)
      throw new OAuthError('invalid_request', 'Public clients must use PKCE: send code_challenge with code_challenge_method=S256.');
    return { app, redirectUri, scopes, codeChallenge, state: params.get('state') };
  }

  /** Issues a code after the person consented. */
  async issueCode(userId: number, request: AuthorizationRequest): Promise<string> {
    const { secret, hash } = generateSecret();
    await this.deps.db.prisma.oAuthCode.create({
      data: {
        codeHash: hash,
        appId: request.app.id,
        userId,
        redirectUri: request.redirectUri,
        scopes: request.scopes,
        codeChallenge: request.codeChallenge,
        familyId: randomUUID(),
        expiresAt: new Date(this.now().getTime() + CODE_TTL_MS),
      },
    });
    return secret;
  }

  /**
   * Exchanges a code. Single use: a second use is refused and revokes everything the first issued
   * (RFC 6749 §4.1.2), because a replayed code means it leaked.
   */
  async exchangeCode(app: OAuthAppRecord, input: { code: string; redirectUri: string | null; codeVerifier: string | null }): Promise<TokenResponse> {
    const { prisma } = this.deps.db;
    const code = /^[A-Za-z0-9_-]{43}$/.test(input.code) ? await prisma.oAuthCode.findUnique({ where: { codeHash: hashSecret(input.code) } }) : null;
    if (!code || code.appId !== app.id) throw new OAuthError('invalid_grant', 'The code is invalid or was issued to another client.');
    if (code.usedAt) {
      await this.revokeFamily(code.familyId);
      throw new OAuthError('invalid_grant', 'The code was already used; the tokens issued for it are revoked.');
    }
    if (code.expiresAt <= this.now()) throw new OAuthError('invalid_grant', 'The code has expired.');
    if (input.redirectUri !== code.redirectUri) throw new OAuthError('invalid_grant', 'redirect_uri differs from the one in the authorization request.');
    if (code.codeChallenge) {
      if (!input.codeVerifier || !/^[A-Za-z0-9._~-]{43,128}$/.test(input.codeVerifier))
        throw new OAuthError('invalid_grant', 'code_verifier is missing or malformed.');
      const challenge = createHash('sha256').update(input.codeVerifier, 'ascii').digest('base64url');
      if (challenge !== code.codeChallenge) throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge.');
    } else if (input.codeVerifier) {
      throw new OAuthError('invalid_grant', 'code_verifier sent, but the authorization request had no code_challenge.');
    }
    const { count } = await prisma.oAuthCode.updateMany({ where: { id: code.id, usedAt: null }, data: { usedAt: this.now() } });
    if (count === 0) throw new OAuthError('invalid_grant', 'The code was already used.');
    await prisma.oAuthAuthorization.upsert({
      where: { userId_appId: { userId: code.userId, appId: app.id } },
      create: { userId: code.userId, appId: app.id, scopes: code.scopes },
      update: { scopes: code.scopes },
    });
    return this.issueTokens(app, code.userId, code.scopes, code.familyId);
  }

  /** Rotates a refresh token. Presenting one that was already rotated revokes its whole family (token theft). */
  async refresh(app: OAuthAppRecord, refreshToken: string): Promise<TokenResponse> {
    const { prisma } = this.deps.db;
    const row = await this.findRefreshToken(refreshToken);
    if (!row || row.appId !== app.id) throw new OAuthError('invalid_grant', 'The refresh token is invalid or was issued to another client.');
    if (row.revokedAt) throw new OAuthError('invalid_grant', 'The refresh token has been revoked.');
    if (row.usedAt) {
      await this.revokeFamily(row.familyId);
      throw new OAuthError('invalid_grant', 'The refresh token was already used; every token of this grant is now revoked.');
    }
    if (row.expiresAt <= this.now()) throw new OAuthError('invalid_grant', 'The refresh token has expired.');
    const { count } = await prisma.oAuthRefreshToken.updateMany({ where: { id: row.id, usedAt: null, revokedAt: null }, data: { usedAt: this.now() } });
    if (count === 0) {
      await this.revokeFamily(row.familyId);
      throw new OAuthError('invalid_grant', 'The refresh token was already used; every token of this grant is now revoked.');
    }
    return this.issueTokens(app, row.userId, row.scopes, row.familyId);
  }

  /** RFC 7009: revokes an access token, or a refresh token with its whole grant. Unknown tokens and other clients' tokens are ignored. */
  async revoke(app: OAuthAppRecord, token: string): Promise<void> {
    const { prisma } = this.deps.db;
    const refresh = await this.findRefreshToken(token);
    if (refresh) {
      if (refresh.appId === app.id) await this.revokeFamily(refresh.familyId);
      return;
    }
    const parsed = parseToken(token);
    if (!parsed || !parsed.prefix.startsWith(TOKEN_SCHEMES.oauth)) return;
    const access = await prisma.apiToken.findUnique({ where: { prefix: parsed.prefix } });
    if (!access || access.oauthAppId !== app.id || !secretMatches(parsed.secret, access.secretHash)) return;
    await prisma.apiToken.updateMany({ where: { id: access.id, revokedAt: null }, data: { revokedAt: this.now() } });
  }

  /** The apps the viewer authorised, most recently authorised first. */
  async listAuthorizedApps(ctx: RequestContext): Promise<AppAuthorizationRecord[]> {
    const viewer = requireOwnToken(ctx, 'read');
    return this.deps.db.prisma.oAuthAuthorization.findMany({ where: { userId: viewer.userId }, include: { app: true }, orderBy: { updatedAt: 'desc' } });
  }

  /** Ends the viewer's grant to an app: every token and code issued to it for the viewer stops working at once. */
  async revokeAuthorization(ctx: RequestContext, clientId: string): Promise<OAuthAppRecord> {
    const viewer = requireOwnToken(ctx, 'write');
    const app = await this.deps.oauthApps.findByClientId(clientId);
    const { prisma } = this.deps.db;
    const grant = app ? await prisma.oAuthAuthorization.findUnique({ where: { userId_appId: { userId: viewer.userId, appId: app.id } } }) : null;
    if (!app || !grant) throw new NotFoundError('AppAuthorization', clientId);
    const now = this.now();
    await prisma.$transaction([
      prisma.apiToken.updateMany({ where: { userId: viewer.userId, oauthAppId: app.id, revokedAt: null }, data: { revokedAt: now } }),
      prisma.oAuthRefreshToken.updateMany({ where: { userId: viewer.userId, appId: app.id, revokedAt: null }, data: { revokedAt: now } }),
      prisma.oAuthCode.updateMany({ where: { userId: viewer.userId, appId: app.id, usedAt: null }, data: { usedAt: now } }),
      prisma.oAuthAuthorization.delete({ where: { userId_appId: { userId: viewer.userId, appId: app.id } } }),
    ]);
    return app;
  }

  private async issueTokens(app: OAuthAppRecord, userId: number, scopes: string[], familyId: string): Promise<TokenResponse> {
    const now = this.now().getTime();
    const access = generateToken(TOKEN_SCHEMES.oauth);
    const refresh = generateToken(TOKEN_SCHEMES.refresh);
    const { prisma } = this.deps.db;
    await prisma.$transaction(async (tx) => {
      const token = await tx.apiToken.create({
        data: {
          userId,
          kind: 'oauth',
          name: app.name,
          oauthAppId: app.id,
          prefix: access.prefix,
          secretHash: access.secretHash,
          scopes,
          expiresAt: new Date(now + ACCESS_TOKEN_TTL_MS),
        },
      });
      await tx.oAuthRefreshToken.create({
        data: {
          prefix: refresh.prefix,
          secretHash: refresh.secretHash,
          familyId,
          appId: app.id,
          userId,
          scopes,
          accessTokenId: token.id,
          expiresAt: new Date(now + REFRESH_TOKEN_TTL_MS),
        },
      });
    });
    return { access_token: access.token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_MS / 1000, refresh_token: refresh.token, scope: scopes.join(' ') };
  }

  private async findRefreshToken(token: string) {
    const parsed = parseToken(token);
    if (!parsed || !parsed.prefix.startsWith(TOKEN_SCHEMES.refresh)) return null;
    const row = await this.deps.db.prisma.oAuthRefreshToken.findUnique({ where: { prefix: parsed.prefix } });
    return row && secretMatches(parsed.secret, row.secretHash) ? row : null;
  }

  private async revokeFamily(familyId: string): Promise<void> {
    const { prisma } = this.deps.db;
    const now = this.now();
    const members = await prisma.oAuthRefreshToken.findMany({ where: { familyId }, select: { accessTokenId: true } });
    const accessIds = members.map((m) => m.accessTokenId).filter((id): id is number => id !== null);
    await prisma.$transaction([
      prisma.oAuthRefreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: now } }),
      prisma.apiToken.updateMany({ where: { id: { in: accessIds }, revokedAt: null }, data: { revokedAt: now } }),
    ]);
  }
}

function requireOwnToken(ctx: RequestContext, scope: 'read' | 'write') {
  const viewer = requireScope(ctx.viewer, scope);
  if (viewer.tokenKind === 'oauth') throw new ForbiddenError('Tokens issued to apps cannot see or change app authorizations.');
  return viewer;
}

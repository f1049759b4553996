import { randomBytes } from 'node:crypto';
import { requireScope } from '../auth/require-scope';
import { SCOPES } from '../auth/scopes';
import { generateSecret, secretMatches } from '../auth/token';
import { OAuthError } from '../auth/oauth-error';
import type { RequestContext, Viewer } from '../context';
import type { Db } from '../db/client';
import type { OAuthApp as OAuthAppRecord } from '../db/generated/client';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../errors/errors';

export type { OAuthAppRecord };

export interface OAuthAppInput {
  readonly name: string;
  readonly redirectUris: readonly string[];
  readonly scopes: readonly string[];
  readonly confidential?: boolean | null;
}

const MAX_APPS_PER_OWNER = 20;
const MAX_REDIRECT_URIS = 10;
const DUMMY_HASH = new Uint8Array(32);

/** Apps people register to act for other people (OAuth 2.0 clients): registration and client authentication. */
export class OAuthAppService {
  constructor(private readonly deps: { db: Db }) {}

  /** Registers an app; `clientSecret` is returned only here (and by rotateSecret), null for public apps. */
  async createApp(ctx: RequestContext, input: OAuthAppInput): Promise<{ app: OAuthAppRecord; clientSecret: string | null }> {
    const viewer = requireOwner(ctx);
    const { prisma } = this.deps.db;
    if ((await prisma.oAuthApp.count({ where: { ownerId: viewer.userId } })) >= MAX_APPS_PER_OWNER) {
      throw new BadUserInputError('input', `You already have ${MAX_APPS_PER_OWNER} apps; delete one first.`);
    }
    const confidential = input.confidential ?? true;
    const secret = confidential ? generateSecret() : null;
    const app = await prisma.oAuthApp.create({
      data: { ...checkApp(input), ownerId: viewer.userId, clientId: `dpc_${randomBytes(12).toString('hex')}`, confidential, secretHash: secret?.hash ?? null },
    });
    return { app, clientSecret: secret ? `dpcs_${secret.secret}` : null };
  }

  /** The viewer's own apps, newest first. */
  async listViewerApps(ctx: RequestContext): Promise<OAuthAppRecord[]> {
    const viewer = requireScope(ctx.viewer, 'read');
    return this.deps.db.prisma.oAuthApp.findMany({ where: { ownerId: viewer.userId }, orderBy: { id: 'desc' } });
  }

  /** Changes name, redirect URIs or scopes of one of the viewer's apps; tokens already issued keep their scopes. */
  async updateApp(ctx: RequestContext, clientId: string, input: Partial<OAuthAppInput>): Promise<OAuthAppRecord> {
    const app = await this.ownApp(ctx, clientId);
    const merged = checkApp({ name: input.name ?? app.name, redirectUris: input.redirectUris ?? app.redirectUris, scopes: input.scopes ?? app.scopes });
    return this.deps.db.prisma.oAuthApp.update({ where: { id: app.id }, data: merged });
  }

  /** Replaces a confidential app's secret; the old one stops working at once. */
  async rotateSecret(ctx: RequestContext, clientId: string): Promise<{ app: OAuthAppRecord; clientSecret: string }> {
    const app = await this.ownApp(ctx, clientId);
    if (!app.confidential) throw new BadUserInputError('clientId', 'A public app has no secret to rotate.');
    const secret = generateSecret();
    const updated = await this.deps.db.prisma.oAuthApp.update({ where: { id: app.id }, data: { secretHash: secret.hash } });
    return { app: updated, clientSecret: `dpcs_${secret.secret}` };
  }

  /** Deletes an app with every code, token and authorization issued to it. */
  async deleteApp(ctx: RequestContext, clientId: string): Promise<OAuthAppRecord> {
    const app = await this.ownApp(ctx, clientId);
    await this.deps.db.prisma.oAuthApp.delete({ where: { id: app.id } });
    return app;
  }

  async findByClientId(clientId: string): Promise<OAuthAppRecord | null> {
    return clientId ? this.deps.db.prisma.oAuthApp.findUnique({ where: { clientId } }) : null;
  }

  /** The app a token request comes from; invalid_client for an unknown app or a wrong or missing secret. */
  async authenticateClient(clientId: string | null, clientSecret: string | null): Promise<OAuthAppRecord> {
    const app = clientId ? await this.findByClientId(clientId) : null;
    const secret = clientSecret?.startsWith('dpcs_') ? clientSecret.slice(5) : '';
    const matches = secretMatches(secret, app?.secretHash ?? DUMMY_HASH);
    if (!app) throw new OAuthError('invalid_client', 'Unknown client_id.');
    if (app.confidential && !matches) throw new OAuthError('invalid_client', 'This client must authenticate with its client secret.');
    if (!app.confidential && clientSecret) throw new OAuthError('invalid_client', 'A public client has no secret; send only client_id.');
    return app;
  }

  private async ownApp(ctx: RequestContext, clientId: string): Promise<OAuthAppRecord> {
    const viewer = requireOwner(ctx);
    const app = await this.findByClientId(clientId);
    if (!app || app.ownerId !== viewer.userId) throw new NotFoundError('OAuthApp', clientId);
    return app;
  }
}

// Registering apps takes the person's own token: an app must not register more apps.
function requireOwner(ctx: RequestContext): Viewer {
  const viewer = requireScope(ctx.viewer, 'write');
  if (viewer.tokenKind === 'oauth') throw new ForbiddenError('Tokens issued to apps cannot manage apps; sign in yourself or use a personal access token.');
  return viewer;
}

function checkApp(input: OAuthAppInput): { name: string; redirectUris: string[]; scopes: string[] } {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw new BadUserInputError('name', 'An app name is 1–100 characters.');
  const redirectUris = [...new Set(input.redirectUris)];
  if (redirectUris.length < 1 || redirectUris.length > MAX_REDIRECT_URIS) {
    throw new BadUserInputError('redirectUris', `Give 1–${MAX_REDIRECT_URIS} redirect URIs.`);
  }
  for (const uri of redirectUris) checkRedirectUri(uri);
  const scopes = [...new Set(input.scopes)];
  const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (scopes.length === 0 || unknown.length > 0) throw new BadUserInputError('scopes', `scopes must be a non-empty subset of ${SCOPES.join(', ')}.`);
  return { name, redirectUris, scopes };
}

// https anywhere, http only on the loopback (RFC 8252 §7.3 native apps, local development); never
// a fragment (RFC 6749 §3.1.2). Matching at /oauth/authorize is exact, so no wildcards either.
function checkRedirectUri(uri: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new BadUserInputError('redirectUris', `"${uri.slice(0, 200)}" is not an absolute URL.`);
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === 'localhost';
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) {
    throw new BadUserInputError('redirectUris', `"${uri.slice(0, 200)}" must use https (http only for localhost, 127.0.0.1 or [::1]).`);
  }
  if (url.hash || uri.includes('#')) throw new BadUserInputError('redirectUris', `"${uri.slice(0, 200)}" must not contain a fragment.`);
  if (url.username || url.password) throw new BadUserInputError('redirectUris', `"${uri.slice(0, 200)}" must not contain credentials.`);
}

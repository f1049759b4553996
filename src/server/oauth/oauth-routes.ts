import type { IncomingMessage, ServerResponse } from 'node:http';
import { OAuthError } from '../../auth/oauth-error';
import { SCOPES } from '../../auth/scopes';
import { escapeHtml } from '../../digest/compose';
import { readForm, sendPage } from '../../digest/digest-pages';
import type { OAuthAppRecord } from '../../services/oauth-app.service';
import type { AuthorizationRequest } from '../../services/oauth-grant.service';
import type { Services } from '../../services';
import { formToken, formTokenMatches, sessionViewer } from './session-cookie';
import { signInForm } from './sign-in-pages';
import { firstTextFault } from '../../lib/text-rule';

// OAuth 2.0 endpoints (RFC 6749 with PKCE, RFC 7636; revocation, RFC 7009; metadata, RFC 8414).
// Transport only: the rules live in OAuthAppService and OAuthGrantService.

export interface OAuthRoutesDeps {
  readonly services: Pick<Services, 'identity' | 'oauthApps' | 'oauthGrants'>;
  /** This server's public origin (PUBLIC_BASE_URL): the issuer, and the base of every endpoint. */
  readonly issuer: string;
}

const SCOPE_TEXT: Record<string, string> = {
  read: 'See your account: your handle, your upvotes, your tokens',
  write: 'Upvote and submit papers for you',
  digest: 'See and change your email digest subscription',
  webhooks: 'Manage webhooks for you',
};

// Copied from the authorization request into the consent form, so the POST can check it all again.
const AUTHORIZE_PARAMS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method'] as const;

export function createOAuthRoutes(deps: OAuthRoutesDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const { issuer } = deps;
  const metadata = {
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    revocation_endpoint: `${issuer}/oauth/revoke`,
    scopes_supported: [...SCOPES],
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    authorization_response_iss_parameter_supported: true,
  };
  return async (req, res, url) => {
    const method = req.method ?? 'GET';
    if (url.pathname === '/.well-known/oauth-authorization-server' && (method === 'GET' || method === 'HEAD')) {
      sendOAuthJson(res, 200, metadata, true);
      return true;
    }
    if (url.pathname === '/oauth/authorize' && method === 'GET') {
      await authorizePage(deps, req, res, url.searchParams, `${url.pathname}${url.search}`);
      return true;
    }
    if (url.pathname === '/oauth/authorize' && method === 'POST') {
      await decide(deps, req, res);
      return true;
    }
    if ((url.pathname === '/oauth/token' || url.pathname === '/oauth/revoke') && (method === 'POST' || method === 'OPTIONS')) {
      await tokenEndpoint(deps, req, res, url.pathname === '/oauth/token');
      return true;
    }
    return false;
  };
}

/** The API's one text rule (lib/text-rule.ts) on an authorization request: a NUL or lone surrogate gets a 400 page, before any lookup. */
function refusedText(res: ServerResponse, params: URLSearchParams): boolean {
  const bad = firstTextFault(params);
  if (!bad) return false;
  sendPage(res, 400, 'Invalid authorization request', `<p role="alert">${escapeHtml(bad.message)}</p><p>The app that sent you here is misconfigured.</p>`);
  return true;
}

async function authorizePage(deps: OAuthRoutesDeps, req: IncomingMessage, res: ServerResponse, params: URLSearchParams, here: string): Promise<void> {
  if (refusedText(res, params)) return;
  const request = await checkedOrAnswered(deps, res, params);
  if (!request) return;
  const session = await sessionViewer(req, deps.services.identity);
  const title = `Authorize ${request.app.name}`;
  if (!session) {
    sendPage(
      res,
      200,
      title,
      `<p><strong>${escapeHtml(request.app.name)}</strong> wants to use your Daily Papers account. Sign in first.</p>${signInForm(here)}`,
    );
    return;
  }
  const hidden = AUTHORIZE_PARAMS.map((name) =>
    params.get(name) === null ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name)!)}">`,
  ).join('');
  const scopes = request.scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code>: ${escapeHtml(SCOPE_TEXT[scope] ?? scope)}</li>`).join('');
  sendPage(
    res,
    200,
    title,
    `<p><strong>${escapeHtml(request.app.name)}</strong> wants to act for you, <strong>@${escapeHtml(session.viewer.handle)}</strong>, with these permissions:</p><ul>${scopes}</ul>` +
      `<p>It will be sent back to <code>${escapeHtml(request.redirectUri)}</code>. You can revoke its access at any time (revokeAppAuthorization).</p>` +
      `<form method="post" action="/oauth/authorize">${hidden}<input type="hidden" name="form_token" value="${formToken(session.token)}">` +
      '<button type="submit" name="decision" value="approve">Authorize</button> <button type="submit" name="decision" value="deny">Deny</button></form>',
    [new URL(request.redirectUri).origin],
  );
}

async function decide(deps: OAuthRoutesDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = (await readForm(req)) ?? new URLSearchParams();
  if (refusedText(res, form)) return;
  const request = await checkedOrAnswered(deps, res, form);
  if (!request) return;
  const session = await sessionViewer(req, deps.services.identity);
  if (!session || !formTokenMatches(session.token, form.get('form_token') ?? '')) {
    sendPage(res, 403, 'Authorization not recorded', '<p>Your session ended or the form is stale. Go back to the app and start again.</p>');
    return;
  }
  if (form.get('decision') !== 'approve') {
    redirectWithError(res, deps.issuer, request, new OAuthError('access_denied', 'The person declined to authorize the app.'));
    return;
  }
  const code = await deps.services.oauthGrants.issueCode(session.viewer.userId, request);
  redirectTo(res, request.redirectUri, { code, state: request.state, iss: deps.issuer });
}

/** The checked request, or null after answering: an error page for a bad client or redirect URI, a redirect otherwise. */
async function checkedOrAnswered(deps: OAuthRoutesDeps, res: ServerResponse, params: URLSearchParams): Promise<AuthorizationRequest | null> {
  try {
    return await deps.services.oauthGrants.checkAuthorizationRequest(params);
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    if ((error as OAuthError & { redirect?: boolean }).redirect === false) {
      sendPage(
        res,
        400,
        'Invalid authorization request',
        `<p role="alert">${escapeHtml(error.description)}</p><p>The app that sent you here is misconfigured.</p>`,
      );
      return null;
    }
    const app = (await deps.services.oauthApps.findByClientId(params.get('client_id') ?? '')) as OAuthAppRecord;
    const redirectUri = params.get('redirect_uri') ?? app.redirectUris[0];
    redirectWithError(res, deps.issuer, { redirectUri, state: params.get('state') }, error);
    return null;
  }
}

function redirectWithError(res: ServerResponse, issuer: string, request: { redirectUri: string; state: string | null }, error: OAuthError): void {
  redirectTo(res, request.redirectUri, { error: error.error, error_description: error.description, state: request.state, iss: issuer });
}

function redirectTo(res: ServerResponse, redirectUri: string, params: Record<string, string | null>): void {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== null) target.searchParams.set(name, value);
  res.writeHead(303, { location: target.toString(), 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  res.end();
}

async function tokenEndpoint(deps: OAuthRoutesDeps, req: IncomingMessage, res: ServerResponse, isToken: boolean): Promise<void> {
  // Called from browsers by public clients (SPAs): no cookies are read here, so any origin may call.
  res.setHeader('access-control-allow-origin', '*');
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-max-age': '600',
    });
    res.end();
    return;
  }
  try {
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      throw new OAuthError('invalid_request', 'POST an application/x-www-form-urlencoded body.');
    }
    const form = await readForm(req);
    if (!form) throw new OAuthError('invalid_request', 'The request body is larger than 4 KiB.');
    const badText = firstTextFault(form);
    if (badText) throw new OAuthError('invalid_request', badText.message);
    const app = await deps.services.oauthApps.authenticateClient(...clientCredentials(req, form));
    const { oauthGrants } = deps.services;
    if (!isToken) {
      const token = form.get('token');
      if (!token) throw new OAuthError('invalid_request', 'token is required.');
      await oauthGrants.revoke(app, token);
      res.writeHead(200, { 'cache-control': 'no-store', 'content-length': 0 });
      res.end();
      return;
    }
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = form.get('code');
      if (!code) throw new OAuthError('invalid_request', 'code is required.');
      sendOAuthJson(res, 200, await oauthGrants.exchangeCode(app, { code, redirectUri: form.get('redirect_uri'), codeVerifier: form.get('code_verifier') }));
    } else if (grantType === 'refresh_token') {
      const refreshToken = form.get('refresh_token');
      if (!refreshToken) throw new OAuthError('invalid_request', 'refresh_token is required.');
      sendOAuthJson(res, 200, await oauthGrants.refresh(app, refreshToken));
    } else {
      throw new OAuthError(
        grantType ? 'unsupported_grant_type' : 'invalid_request',
        grantType ? `grant_type "${grantType.slice(0, 40)}" is not supported.` : 'grant_type is required.',
      );
    }
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    if (error.status === 401 && req.headers.authorization) res.setHeader('www-authenticate', 'Basic realm="Daily Papers"');
    sendOAuthJson(res, error.status, { error: error.error, error_description: error.description });
  }
}

/** client_secret_basic, client_secret_post or none (client_id only); using two methods at once is refused (RFC 6749 §2.3). */
function clientCredentials(req: IncomingMessage, form: URLSearchParams): [string | null, string | null] {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
    const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError('invalid_client', 'Malformed Basic authorization.');
    if (form.get('client_secret')) throw new OAuthError('invalid_request', 'Use one client authentication method, not two.');
    const credentials: [string, string] = [formDecode(decoded.slice(0, colon)), formDecode(decoded.slice(colon + 1))];
    const badText = firstTextFault([
      ['client_id', credentials[0]],
      ['client_secret', credentials[1]],
    ]);
    if (badText) throw new OAuthError('invalid_request', `Basic authorization: ${badText.message}`);
    return credentials;
  }
  return [form.get('client_id'), form.get('client_secret')];
}

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new OAuthError('invalid_client', 'Malformed Basic authorization.');
  }
}

function sendOAuthJson(res: ServerResponse, status: number, body: unknown, cacheable = false): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    // RFC 6749 §5.1: token responses must not be cached.
    'cache-control': cacheable ? 'public, max-age=3600' : 'no-store',
    ...(cacheable && { 'access-control-allow-origin': '*' }),
  });
  res.end(json);
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createHash, randomBytes } from 'node:crypto';
import { BrowserSession, formOf } from '../support/browser-session';
import { createUserWithToken } from '../support/identity-seed';
import { postGraphQL } from '../support/graphql-client';
import { ENGINES } from '../support/services';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startTestServer, type TestServer } from '../support/test-server';

// The third-party app is examples/oauth-app/app.mjs, a separate Node process using the oauth4webapi
// client library (the one docs/build-an-app.md shows); the test plays the person's browser.

const CREATE_APP = `mutation ($input: CreateOAuthAppInput!) { createOAuthApp(input: $input) { clientSecret app { clientId name redirectUris scopes confidential } } }`;
const LINK = /\/signin\?token=([A-Za-z0-9_-]{43})/;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

function startApp(env: Record<string, string>): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'examples', 'oauth-app', 'app.mjs')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ url: JSON.parse(line).listening, process: child }));
    child.once('exit', (code) => reject(new Error(`the example app exited with ${code}`)));
  });
}

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

describe.each(ENGINES)('a third-party app signs people in with Daily Papers (OAuth 2.0 + PKCE) on %s', (engine) => {
  let server: TestServer;
  let smtp: SmtpSink;
  let issuer: string;
  let developer: Awaited<ReturnType<typeof createUserWithToken>>;
  const browser = new BrowserSession();
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    smtp = await startSmtpSink();
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    server = await startTestServer({ engine, env: { PORT: String(port), PUBLIC_BASE_URL: issuer, SMTP_URL: smtp.url } });
    developer = await createUserWithToken(server.app.db, 'developer');
  });
  afterAll(async () => {
    for (const child of children) child.kill();
    await server?.close();
    await smtp?.close();
  });

  async function registerApp(input: Record<string, unknown>) {
    return (await postGraphQL(server.url, CREATE_APP, { input }, { authorization: developer.authorization })).expectData().createOAuthApp;
  }

  async function signInThroughEmail(page: { text: string; url: string }, email: string, handle: string): Promise<{ location: string | null }> {
    const form = formOf(page.text, page.url);
    expect(form.action).toBe(`${issuer}/signin/request`);
    const sent = smtp.messages.length;
    const asked = await browser.request(form.action, { form: { ...form.fields, email } });
    expect(asked.text).toContain('Check your inbox');
    const mail = (await smtp.waitFor(sent + 1)).find((m, i) => i >= sent && m.to.includes(email))!;
    const link = `${issuer}/signin?token=${LINK.exec(mail.text)![1]}`;
    const confirm = await browser.request(link);
    expect(confirm.text).toContain('Choose a handle');
    const signIn = formOf(confirm.text, link);
    return browser.request(signIn.action, { form: { ...signIn.fields, handle } });
  }

  /** Approves the consent page the browser is on; returns the redirect to the app. */
  async function approve(consent: { text: string; url: string }, decision = 'approve'): Promise<URL> {
    const form = formOf(consent.text, consent.url);
    const answer = await browser.request(form.action, { form: { ...form.fields, decision } });
    expect(answer.status).toBe(303);
    return new URL(answer.location!);
  }

  it('plays the whole flow: authorise, email sign-in, consent, callback, PKCE exchange, GraphQL, refresh, revoke, 401', async () => {
    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    const registered = await registerApp({ name: 'Paper Pal', redirectUris: [`${appUrl}/callback`], scopes: ['read', 'write'] });
    expect(registered.clientSecret).toMatch(/^dpcs_/);
    const app = await startApp({
      DAILY_PAPERS_URL: issuer,
      CLIENT_ID: registered.app.clientId,
      CLIENT_SECRET: registered.clientSecret,
      PORT: String(port),
      SCOPE: 'read write',
    });
    children.push(app.process);

    const authorize = await browser.follow(`${app.url}/login`);
    expect(authorize.url).toMatch(new RegExp(`^${issuer}/oauth/authorize\\?`));
    expect(authorize.text).toContain('Paper Pal');
    const signedIn = await signInThroughEmail(authorize, 'reader@example.org', 'reader');
    expect(signedIn.location).toBe(authorize.url);
    expect(browser.cookies.get('dp_session')).toMatch(/^dpst_/);

    const consent = await browser.request(authorize.url);
    expect(consent.text).toContain('@reader');
    expect(consent.text).toContain('<code>write</code>');
    const callback = await approve(consent);
    expect(callback.origin + callback.pathname).toBe(`${appUrl}/callback`);
    expect(callback.searchParams.get('iss')).toBe(issuer);

    const finished = await browser.request(callback.href);
    expect(JSON.parse(finished.text)).toEqual({ signedIn: true, scope: 'read write', viewer: { handle: 'reader', scopes: ['read', 'write'] } });

    const session = { authorization: `Bearer ${browser.cookies.get('dp_session')}` };
    const authorized = (await postGraphQL(server.url, '{ viewer { authorizedApps { scopes app { name clientId } } } }', {}, session)).expectData();
    expect(authorized.viewer.authorizedApps).toEqual([{ scopes: ['read', 'write'], app: { name: 'Paper Pal', clientId: registered.app.clientId } }]);

    const refreshed = JSON.parse((await browser.request(`${app.url}/refresh`, { method: 'POST' })).text);
    expect(refreshed).toEqual({ refreshed: true, viewer: { handle: 'reader', scopes: ['read', 'write'] } });
    expect(JSON.parse((await browser.request(`${app.url}/me`)).text).status).toBe(200);

    expect(JSON.parse((await browser.request(`${app.url}/logout`, { method: 'POST' })).text)).toEqual({ revoked: true });
    const after = JSON.parse((await browser.request(`${app.url}/me`)).text);
    expect(after.status).toBe(401);
    expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  describe('refusals', () => {
    const redirectUri = 'http://127.0.0.1:9/callback';
    let clientId: string;
    let appScopes: string[];

    beforeAll(async () => {
      const registered = await registerApp({ name: 'Public Reader', redirectUris: [redirectUri], scopes: ['read'], confidential: false });
      expect(registered.clientSecret).toBeNull();
      clientId = registered.app.clientId;
      appScopes = registered.app.scopes;
      if (!browser.cookies.get('dp_session')) throw new Error('the flow test signs the browser in first');
    });

    const authorizeUrl = (params: Record<string, string>) =>
      `${issuer}/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state: 'st-1', ...params })}`;

    async function code(challenge: string): Promise<string> {
      const consent = await browser.request(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }));
      expect(consent.status).toBe(200);
      const back = await approve(consent);
      expect(back.searchParams.get('state')).toBe('st-1');
      return back.searchParams.get('code')!;
    }

    const token = async (form: Record<string, string>) => {
      const response = await fetch(`${issuer}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: clientId, ...form }),
      });
      return { status: response.status, cache: response.headers.get('cache-control'), body: (await response.json()) as any };
    };
    const exchange = (codeValue: string, verifier: string, uri = redirectUri) =>
      token({ grant_type: 'authorization_code', code: codeValue, redirect_uri: uri, code_verifier: verifier });
    const viewerStatus = async (accessToken: string) =>
      (await postGraphQL(server.url, '{ viewer { handle } }', {}, { authorization: `Bearer ${accessToken}` })).status;

    it('shows an error page, and sends nobody anywhere, for a redirect URI that does not match exactly', async () => {
      const page = await browser.request(
        authorizeUrl({ redirect_uri: `${redirectUri}/extra`, code_challenge: pkce().challenge, code_challenge_method: 'S256' }),
      );
      expect(page.status).toBe(400);
      expect(page.location).toBeNull();
      expect(page.text).toContain('redirect_uri does not exactly match');
    });

    it('sends a public client without PKCE back with invalid_request and its state', async () => {
      const back = await browser.request(authorizeUrl({}));
      const location = new URL(back.location!);
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.get('state')).toBe('st-1');
    });

    it('refuses scopes beyond what the app registered with invalid_scope', async () => {
      expect(appScopes).toEqual(['read']);
      const back = await browser.request(authorizeUrl({ scope: 'read write', code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
      expect(new URL(back.location!).searchParams.get('error')).toBe('invalid_scope');
    });

    it('reports access_denied when the person declines', async () => {
      const consent = await browser.request(authorizeUrl({ code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
      const back = await approve(consent, 'deny');
      expect(back.searchParams.get('error')).toBe('access_denied');
      expect(back.searchParams.get('code')).toBeNull();
    });

    it('refuses a wrong PKCE verifier and a different redirect URI with invalid_grant', async () => {
      const { verifier, challenge } = pkce();
      const wrongVerifier = await exchange(await code(challenge), pkce().verifier);
      expect(wrongVerifier.status).toBe(400);
      expect(wrongVerifier.body.error).toBe('invalid_grant');
      const wrongUri = await exchange(await code(challenge), verifier, 'http://127.0.0.1:9/other');
      expect(wrongUri.body.error).toBe('invalid_grant');
    });

    it('refuses a reused code and revokes the tokens the first use issued', async () => {
      const { verifier, challenge } = pkce();
      const codeValue = await code(challenge);
      const first = await exchange(codeValue, verifier);
      expect(first.status).toBe(200);
      expect(first.cache).toBe('no-store');
      expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'read' });
      expect(await viewerStatus(first.body.access_token)).toBe(200);
      const second = await exchange(codeValue, verifier);
      expect(second.status).toBe(400);
      expect(second.body.error).toBe('invalid_grant');
      expect(await viewerStatus(first.body.access_token)).toBe(401);
    });

    it('rotates refresh tokens; reusing an old one is invalid_grant and revokes the whole family', async () => {
      const { verifier, challenge } = pkce();
      const issued = (await exchange(await code(challenge), verifier)).body;
      const rotated = await token({ grant_type: 'refresh_token', refresh_token: issued.refresh_token });
      expect(rotated.status).toBe(200);
      expect(rotated.body.refresh_token).not.toBe(issued.refresh_token);
      const reused = await token({ grant_type: 'refresh_token', refresh_token: issued.refresh_token });
      expect(reused.status).toBe(400);
      expect(reused.body.error).toBe('invalid_grant');
      expect(await viewerStatus(rotated.body.access_token)).toBe(401);
      expect((await token({ grant_type: 'refresh_token', refresh_token: rotated.body.refresh_token })).body.error).toBe('invalid_grant');
    });

    it('answers a token without the scope with 403 FORBIDDEN naming requiredScope', async () => {
      const { verifier, challenge } = pkce();
      const issued = (await exchange(await code(challenge), verifier)).body;
      const upvote = await postGraphQL(
        server.url,
        'mutation { upvotePaper(input: { paperId: "2401.00001" }) { paper { upvoteCount } } }',
        {},
        { authorization: `Bearer ${issued.access_token}` },
      );
      expect(upvote.status).toBe(403);
      expect(upvote.expectError('FORBIDDEN').extensions).toMatchObject({ requiredScope: 'write' });
    });

    it('refuses an unknown client and a confidential client with a wrong secret as invalid_client (401)', async () => {
      const unknown = await token({ client_id: 'dpc_nope', grant_type: 'refresh_token', refresh_token: 'x' });
      expect(unknown.status).toBe(401);
      expect(unknown.body.error).toBe('invalid_client');
      const confidential = await registerApp({ name: 'Server App', redirectUris: [redirectUri], scopes: ['read'] });
      const basic = Buffer.from(`${confidential.app.clientId}:dpcs_wrong`).toString('base64');
      const response = await fetch(`${issuer}/oauth/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=refresh_token&refresh_token=x',
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('Basic');
      expect(((await response.json()) as any).error).toBe('invalid_client');
    });

    it('revokeAppAuthorization ends every token the app holds for the person at once', async () => {
      const { verifier, challenge } = pkce();
      const issued = (await exchange(await code(challenge), verifier)).body;
      expect(await viewerStatus(issued.access_token)).toBe(200);
      const session = { authorization: `Bearer ${browser.cookies.get('dp_session')}` };
      const appToken = await postGraphQL(
        server.url,
        'mutation ($c: String!) { revokeAppAuthorization(input: { clientId: $c }) { app { name } } }',
        { c: clientId },
        { authorization: `Bearer ${issued.access_token}` },
      );
      expect(appToken.expectError('FORBIDDEN')).toBeDefined();
      const revoked = await postGraphQL(
        server.url,
        'mutation ($c: String!) { revokeAppAuthorization(input: { clientId: $c }) { app { name } } }',
        { c: clientId },
        session,
      );
      expect(revoked.expectData().revokeAppAuthorization.app.name).toBe('Public Reader');
      expect(await viewerStatus(issued.access_token)).toBe(401);
      expect((await token({ grant_type: 'refresh_token', refresh_token: issued.refresh_token })).body.error).toBe('invalid_grant');
    });

    it('publishes RFC 8414 metadata naming every endpoint and S256', async () => {
      const metadata = (await (await fetch(`${issuer}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
      expect(metadata).toMatchObject({
        issuer,
        authorization_endpoint: `${issuer}/oauth/authorize`,
        token_endpoint: `${issuer}/oauth/token`,
        revocation_endpoint: `${issuer}/oauth/revoke`,
        code_challenge_methods_supported: ['S256'],
        response_types_supported: ['code'],
      });
    });

    it('a sign-in page for an expired link says so and signs nobody in', async () => {
      const sent = smtp.messages.length;
      await browser.request(`${issuer}/signin/request`, { form: { email: 'late@example.org', return_to: '/oauth/authorize' } });
      const mail = (await smtp.waitFor(sent + 1)).find((m, i) => i >= sent && m.to.includes('late@example.org'))!;
      await server.app.db.prisma.signInLink.updateMany({ where: { email: 'late@example.org' }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const page = await new BrowserSession().request(`${issuer}/signin?token=${LINK.exec(mail.text)![1]}`);
      expect(page.status).toBe(400);
      expect(page.text).toContain('has expired');
    });
  });
});

// A minimal third-party app on Daily Papers: "Sign in with Daily Papers" with the standard
// authorization-code flow and PKCE, using the oauth4webapi client library. Run it with
//   DAILY_PAPERS_URL=http://localhost:4000 CLIENT_ID=dpc_… [CLIENT_SECRET=dpcs_…] node examples/oauth-app/app.mjs
// then open http://127.0.0.1:3000/login. See docs/build-an-app.md. No CLIENT_SECRET: a public client.
/* global console, process, URL, URLSearchParams, Headers */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import * as oauth from 'oauth4webapi';

const issuer = new URL(process.env.DAILY_PAPERS_URL ?? 'http://localhost:4000');
const client = { client_id: process.env.CLIENT_ID };
const clientAuth = process.env.CLIENT_SECRET ? oauth.ClientSecretBasic(process.env.CLIENT_SECRET) : oauth.None();
const port = Number(process.env.PORT ?? 3000);
const scope = process.env.SCOPE ?? 'read';
// Plain http is for local development only; production issuers are https.
const insecure = issuer.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};

const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
const sessions = new Map(); // browser session id → { verifier, state, tokens }

const server = createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  const redirectUri = `http://${req.headers.host}/callback`;
  const sid = /app_sid=([a-f0-9]+)/.exec(req.headers.cookie ?? '')?.[1];
  const session = sid ? sessions.get(sid) : undefined;
  const json = (status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  try {
    if (url.pathname === '/login') {
      const verifier = oauth.generateRandomCodeVerifier();
      const state = oauth.generateRandomState();
      const id = randomBytes(16).toString('hex');
      sessions.set(id, { verifier, state });
      const target = new URL(as.authorization_endpoint);
      target.search = new URLSearchParams({
        response_type: 'code',
        client_id: client.client_id,
        redirect_uri: redirectUri,
        scope,
        state,
        code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      }).toString();
      return res.writeHead(302, { location: target.href, 'set-cookie': `app_sid=${id}; HttpOnly; SameSite=Lax; Path=/` }).end();
    }
    if (!session) return json(401, { error: 'no session: start at /login' });
    if (url.pathname === '/callback') {
      const params = oauth.validateAuthResponse(as, client, url, session.state);
      const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, redirectUri, session.verifier, insecure);
      session.tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
      return json(200, { signedIn: true, scope: session.tokens.scope, viewer: await viewer(session) });
    }
    if (url.pathname === '/me') return json(200, await graphql(session, '{ viewer { handle scopes } }'));
    if (url.pathname === '/refresh' && req.method === 'POST') {
      const response = await oauth.refreshTokenGrantRequest(as, client, clientAuth, session.tokens.refresh_token, insecure);
      session.tokens = await oauth.processRefreshTokenResponse(as, client, response);
      return json(200, { refreshed: true, viewer: await viewer(session) });
    }
    if (url.pathname === '/logout' && req.method === 'POST') {
      // Revoking the refresh token ends the whole grant, the access token included.
      await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, clientAuth, session.tokens.refresh_token, insecure));
      return json(200, { revoked: true });
    }
    json(404, { error: 'not found' });
  } catch (error) {
    json(502, { error: error.error ?? error.code ?? 'error', message: error.message });
  }
});

async function graphql(session, query) {
  const response = await oauth.protectedResourceRequest(
    session.tokens.access_token,
    'POST',
    new URL('/graphql', issuer),
    new Headers({ 'content-type': 'application/json' }),
    JSON.stringify({ query }),
    insecure,
  );
  return { status: response.status, body: await response.json() };
}

async function viewer(session) {
  return (await graphql(session, '{ viewer { handle scopes } }')).body.data?.viewer ?? null;
}

server.listen(port, '127.0.0.1', () => console.log(JSON.stringify({ listening: `http://127.0.0.1:${server.address().port}` })));

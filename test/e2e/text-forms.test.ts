import { ENGINES } from '../support/services';
import { startTestServer, type TestServer } from '../support/test-server';
import { STARTUP_TIMEOUT_MS } from './abuse-support';

// The text rule on the HTML and OAuth routes: form fields and query parameters with a NUL or a
// lone surrogate are refused with 400 before anything asks the database; never a 500.
describe.each(ENGINES)('text rule on forms and OAuth routes (%s)', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ engine });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => server?.close());

  const form = (path: string, body: string) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
  const get = (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual' });

  it.each([
    [
      'POST /oauth/token client_id',
      () => form('/oauth/token', 'grant_type=authorization_code&client_id=a%00b&code=x&redirect_uri=https%3A%2F%2Fa.example%2F&code_verifier=v'),
    ],
    ['POST /oauth/token code', () => form('/oauth/token', 'grant_type=authorization_code&client_id=dpc_x&code=a%00b')],
    ['POST /oauth/token refresh_token', () => form('/oauth/token', 'grant_type=refresh_token&client_id=dpc_x&refresh_token=a%00b')],
    ['POST /oauth/revoke token', () => form('/oauth/revoke', 'client_id=dpc_x&token=a%00b')],
    ['GET /oauth/authorize client_id', () => get('/oauth/authorize?response_type=code&client_id=a%00b&redirect_uri=https%3A%2F%2Fa.example%2F')],
    ['POST /oauth/authorize client_id', () => form('/oauth/authorize', 'response_type=code&client_id=a%00b')],
    ['POST /signin/request email', () => form('/signin/request', 'email=a%00b%40example.com')],
    ['GET /signin token', () => get('/signin?token=a%00b')],
    ['POST /signin token', () => form('/signin', 'token=a%00b&handle=x')],
    ['POST /digest/confirm token', () => form('/digest/confirm', 'token=a%00b')],
    ['POST /digest/unsubscribe token', () => form('/digest/unsubscribe', 'token=a%00b')],
    [
      'POST /oauth/token with a NUL in Basic client credentials',
      () =>
        fetch(`${server.url}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('a%00b:secret').toString('base64')}` },
          body: 'grant_type=refresh_token&refresh_token=x',
        }),
    ],
  ])("%s with a NUL is refused as the client's mistake (4xx), not a 500", async (_name, send) => {
    const response = await send();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it("answers the token endpoint in OAuth's shape, naming the field, and the authorize page with a 400 page", async () => {
    const token = await form('/oauth/token', 'grant_type=authorization_code&client_id=a%00b&code=x');
    expect(token.status).toBe(400);
    expect(await token.json()).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('"client_id" contains a NUL character') });
    const page = await get('/oauth/authorize?response_type=code&client_id=a%00b');
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('&quot;client_id&quot; contains a NUL character');
  });
});

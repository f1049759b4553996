import { postGraphQL } from '../support/graphql-client';
import { ENGINES } from '../support/services';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startTestServer, type TestServer } from '../support/test-server';

const REQUEST = 'mutation ($email: String!) { requestSignIn(input: { email: $email }) { email } }';
const COMPLETE = `mutation ($token: String!, $handle: String) {
  completeSignIn(input: { token: $token, handle: $handle }) { token expiresAt accountCreated user { handle } }
}`;
const LINK = /\/signin\?token=([A-Za-z0-9_-]{43})/;

describe.each(ENGINES)('signing in by email link on %s', (engine) => {
  let server: TestServer;
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    server = await startTestServer({
      engine,
      env: { SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'http://papers.test', DIGEST_SUBSCRIBE_LIMIT_PER_ADDRESS: '3', DIGEST_SUBSCRIBE_LIMIT_PER_IP: '50' },
    });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  // Mail is sent after the response, so earlier tests' mail may still be arriving: wait for this address's.
  async function linkFor(email: string): Promise<string> {
    const address = email.replace(/@.*/, (domain) => domain.toLowerCase());
    const mine = () => smtp.messages.filter((mail) => mail.to.includes(address));
    const before = mine().length;
    expect((await postGraphQL(server.url, REQUEST, { email })).expectData().requestSignIn.email).toBe(address);
    while (mine().length === before) await smtp.waitFor(smtp.messages.length + 1);
    return LINK.exec(mine()[before].text)![1];
  }

  it('mails a link that creates the account on first use with the chosen handle and returns a session', async () => {
    const token = await linkFor('Newcomer@Example.org');
    const missing = await postGraphQL(server.url, COMPLETE, { token });
    expect(missing.expectError('BAD_USER_INPUT').extensions).toMatchObject({ argumentName: 'handle' });
    const invalid = await postGraphQL(server.url, COMPLETE, { token, handle: 'no spaces allowed' });
    expect(invalid.expectError('BAD_USER_INPUT').extensions).toMatchObject({ argumentName: 'handle' });

    const signedIn = (await postGraphQL(server.url, COMPLETE, { token, handle: 'newcomer' })).expectData().completeSignIn;
    expect(signedIn).toMatchObject({ accountCreated: true, user: { handle: 'newcomer' } });
    expect(signedIn.token).toMatch(/^dpst_/);
    expect(new Date(signedIn.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const viewer = (
      await postGraphQL(server.url, '{ viewer { handle scopes tokens { kind } } }', {}, { authorization: `Bearer ${signedIn.token}` })
    ).expectData().viewer;
    expect(viewer).toEqual({ handle: 'newcomer', scopes: ['read', 'write', 'digest', 'webhooks'], tokens: [{ kind: 'SESSION' }] });

    const reused = await postGraphQL(server.url, COMPLETE, { token, handle: 'newcomer2' });
    expect(reused.expectError('BAD_USER_INPUT').extensions).toMatchObject({ argumentName: 'token' });
    const stored = await server.app.db.prisma.signInLink.findMany();
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('signs a known address into the same account, ignoring any handle; signOut ends the session', async () => {
    const token = await linkFor('Newcomer@EXAMPLE.org');
    const signedIn = (await postGraphQL(server.url, COMPLETE, { token, handle: 'other' })).expectData().completeSignIn;
    expect(signedIn).toMatchObject({ accountCreated: false, user: { handle: 'newcomer' } });
    const auth = { authorization: `Bearer ${signedIn.token}` };
    expect((await postGraphQL(server.url, 'mutation { signOut { signedOut } }', {}, auth)).expectData().signOut.signedOut).toBe(true);
    const after = await postGraphQL(server.url, '{ viewer { handle } }', {}, auth);
    expect(after.status).toBe(401);
  });

  it('refuses a taken handle with CONFLICT and keeps the link usable', async () => {
    const token = await linkFor('second@example.org');
    const taken = await postGraphQL(server.url, COMPLETE, { token, handle: 'newcomer' });
    expect(taken.expectError('CONFLICT')).toBeDefined();
    expect((await postGraphQL(server.url, COMPLETE, { token, handle: 'second' })).expectData().completeSignIn.accountCreated).toBe(true);
  });

  it('refuses an expired link with the same message as an unknown one', async () => {
    const token = await linkFor('late@example.org');
    await server.app.db.prisma.signInLink.updateMany({ where: { email: 'late@example.org' }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await postGraphQL(server.url, COMPLETE, { token, handle: 'late' });
    const unknown = await postGraphQL(server.url, COMPLETE, { token: 'x'.repeat(43), handle: 'late' });
    expect(expired.expectError('BAD_USER_INPUT').message).toBe(unknown.expectError('BAD_USER_INPUT').message);
    expect(await server.app.db.prisma.user.count({ where: { handle: 'late' } })).toBe(0);
  });

  it('answers known and unknown addresses identically and limits requests per address', async () => {
    const known = await postGraphQL(server.url, REQUEST, { email: 'second@example.org' });
    const unknown = await postGraphQL(server.url, REQUEST, { email: 'nobody@example.org' });
    expect(known.status).toBe(unknown.status);
    expect(known.body.data!.requestSignIn).toEqual({ email: 'second@example.org' });
    expect(unknown.body.data!.requestSignIn).toEqual({ email: 'nobody@example.org' });
    await postGraphQL(server.url, REQUEST, { email: 'nobody@example.org' });
    await postGraphQL(server.url, REQUEST, { email: 'nobody@example.org' });
    const limited = await postGraphQL(server.url, REQUEST, { email: 'nobody@example.org' });
    expect(limited.status).toBe(429);
    expect(limited.expectError('RATE_LIMITED').extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("shows and edits the signed-in person's digest subscription from viewer, with the digest scope", async () => {
    const token = await linkFor('reader@example.org');
    const session = (await postGraphQL(server.url, COMPLETE, { token, handle: 'reader' })).expectData().completeSignIn.token;
    const auth = { authorization: `Bearer ${session}` };
    const UPDATE =
      'mutation ($s: Boolean!, $f: DigestFrequency) { updateDigestSubscription(input: { subscribed: $s, frequency: $f }) { subscription { email frequency status } } }';
    expect((await postGraphQL(server.url, '{ viewer { digestSubscription { status } } }', {}, auth)).expectData().viewer.digestSubscription).toBeNull();
    const subscribed = (await postGraphQL(server.url, UPDATE, { s: true, f: 'WEEKLY' }, auth)).expectData();
    expect(subscribed.updateDigestSubscription.subscription).toEqual({ email: 'reader@example.org', frequency: 'WEEKLY', status: 'CONFIRMED' });
    await postGraphQL(server.url, UPDATE, { s: true, f: 'DAILY' }, auth);
    expect((await postGraphQL(server.url, '{ viewer { digestSubscription { frequency status } } }', {}, auth)).expectData().viewer.digestSubscription).toEqual({
      frequency: 'DAILY',
      status: 'CONFIRMED',
    });
    const ended = (await postGraphQL(server.url, UPDATE, { s: false }, auth)).expectData();
    expect(ended.updateDigestSubscription.subscription.status).toBe('UNSUBSCRIBED');

    const { token: readOnly } = (
      await postGraphQL(server.url, 'mutation { createPersonalAccessToken(input: { name: "ro", scopes: ["read"] }) { token } }', {}, auth)
    ).expectData().createPersonalAccessToken;
    const forbidden = await postGraphQL(server.url, '{ viewer { digestSubscription { status } } }', {}, { authorization: `Bearer ${readOnly}` });
    expect(forbidden.expectError('FORBIDDEN').extensions).toMatchObject({ requiredScope: 'digest' });
  });
});

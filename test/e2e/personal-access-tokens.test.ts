import { createUserWithToken } from '../support/identity-seed';
import { postGraphQL } from '../support/graphql-client';
import { ENGINES } from '../support/services';
import { startTestServer, type TestServer } from '../support/test-server';

const CREATE = `mutation ($input: CreatePersonalAccessTokenInput!) {
  createPersonalAccessToken(input: $input) { token accessToken { name prefix kind scopes expiresAt revokedAt } clientMutationId }
}`;
const TOKENS = '{ viewer { handle tokens { name prefix kind scopes createdAt lastUsedAt expiresAt } } }';
const REVOKE = `mutation ($prefix: String!) { revokePersonalAccessToken(input: { prefix: $prefix }) { accessToken { prefix revokedAt } } }`;

describe.each(ENGINES)('self-service personal access tokens on %s', (engine) => {
  let server: TestServer;
  let owner: Awaited<ReturnType<typeof createUserWithToken>>;
  beforeAll(async () => {
    server = await startTestServer({ engine });
    owner = await createUserWithToken(server.app.db, 'owner');
  });
  afterAll(() => server.close());

  const as = (authorization: string) => ({ authorization });

  it('shows the secret once, lists the token without it, and the token works for its scopes only', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const created = (
      await postGraphQL(server.url, CREATE, { input: { name: 'nightly script', scopes: ['read'], expiresAt, clientMutationId: 'c1' } }, as(owner.authorization))
    ).expectData();
    const { token, accessToken, clientMutationId } = created.createPersonalAccessToken;
    expect(clientMutationId).toBe('c1');
    expect(token).toMatch(/^dpat_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(accessToken).toEqual({ name: 'nightly script', prefix: token.slice(0, 13), kind: 'PERSONAL', scopes: ['read'], expiresAt, revokedAt: null });

    const listed = (await postGraphQL(server.url, TOKENS, {}, as(`Bearer ${token}`))).expectData().viewer;
    expect(listed.handle).toBe(owner.viewer.handle);
    expect(listed.tokens.map((t: { prefix: string }) => t.prefix)).toEqual([token.slice(0, 13), owner.prefix]);
    expect(listed.tokens[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(token.slice(14));

    const write = await postGraphQL(server.url, CREATE, { input: { name: 'x', scopes: ['read'] } }, as(`Bearer ${token}`));
    expect(write.status).toBe(403);
    expect(write.expectError('FORBIDDEN').extensions).toMatchObject({ requiredScope: 'write' });
  });

  it('refuses scopes the token in use lacks, unknown scopes, empty names and past expiry, each with a named cause', async () => {
    const reader = await createUserWithToken(server.app.db, 'reader', ['read', 'write']);
    const beyond = await postGraphQL(server.url, CREATE, { input: { name: 'more', scopes: ['read', 'digest'] } }, as(reader.authorization));
    expect(beyond.expectError('FORBIDDEN').extensions).toMatchObject({ requiredScope: 'digest' });
    const unknown = await postGraphQL(server.url, CREATE, { input: { name: 'x', scopes: ['admin'] } }, as(reader.authorization));
    expect(unknown.expectError('BAD_USER_INPUT').extensions).toMatchObject({ argumentName: 'scopes' });
    const unnamed = await postGraphQL(server.url, CREATE, { input: { name: '  ', scopes: ['read'] } }, as(reader.authorization));
    expect(unnamed.expectError('BAD_USER_INPUT').extensions).toMatchObject({ argumentName: 'name' });
    const past = await postGraphQL(server.url, CREATE, { input: { name: 'x', scopes: ['read'], expiresAt: '2020-01-01T00:00:00Z' } }, as(reader.authorization));
    expect(past.expectError('BAD_USER_INPUT').extensions).toMatchObject({ argumentName: 'expiresAt' });
    expect(await server.app.db.prisma.apiToken.count({ where: { userId: reader.user.id } })).toBe(1);
    const anonymous = await postGraphQL(server.url, CREATE, { input: { name: 'x', scopes: ['read'] } });
    expect(anonymous.status).toBe(401);
  });

  it('an expired token answers 401 saying it expired, and drops out of viewer.tokens', async () => {
    const created = (
      await postGraphQL(
        server.url,
        CREATE,
        { input: { name: 'short', scopes: ['read'], expiresAt: new Date(Date.now() + 60_000).toISOString() } },
        as(owner.authorization),
      )
    ).expectData();
    const { token, accessToken } = created.createPersonalAccessToken;
    // Expiry is a stored instant; moving it into the past is what an hour of waiting would do.
    await server.app.db.prisma.apiToken.update({ where: { prefix: accessToken.prefix }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const refused = await postGraphQL(server.url, '{ viewer { handle } }', {}, as(`Bearer ${token}`));
    expect(refused.status).toBe(401);
    expect(refused.expectError('UNAUTHENTICATED').message).toMatch(/expired at \d{4}-/);
    const listed = (await postGraphQL(server.url, TOKENS, {}, as(owner.authorization))).expectData().viewer.tokens;
    expect(listed.map((t: { prefix: string }) => t.prefix)).not.toContain(accessToken.prefix);
  });

  it("revokes one of your own tokens, which then answers 401; someone else's prefix is NOT_FOUND", async () => {
    const { token, accessToken } = (
      await postGraphQL(server.url, CREATE, { input: { name: 'to revoke', scopes: ['read', 'write'] } }, as(owner.authorization))
    ).expectData().createPersonalAccessToken;
    const stranger = await createUserWithToken(server.app.db, 'stranger');
    const theirs = await postGraphQL(server.url, REVOKE, { prefix: accessToken.prefix }, as(stranger.authorization));
    expect(theirs.expectError('NOT_FOUND')).toBeDefined();
    expect((await postGraphQL(server.url, '{ viewer { handle } }', {}, as(`Bearer ${token}`))).status).toBe(200);

    const revoked = (await postGraphQL(server.url, REVOKE, { prefix: accessToken.prefix }, as(owner.authorization))).expectData();
    expect(revoked.revokePersonalAccessToken.accessToken.revokedAt).not.toBeNull();
    const after = await postGraphQL(server.url, '{ viewer { handle } }', {}, as(`Bearer ${token}`));
    expect(after.status).toBe(401);
    expect(after.expectError('UNAUTHENTICATED').message).toContain('revoked');
  });

  it('signOut revokes exactly the token the request was made with', async () => {
    const { token } = (
      await postGraphQL(server.url, CREATE, { input: { name: 'session-like', scopes: ['read', 'write'] } }, as(owner.authorization))
    ).expectData().createPersonalAccessToken;
    expect((await postGraphQL(server.url, 'mutation { signOut { signedOut } }', {}, as(`Bearer ${token}`))).expectData().signOut.signedOut).toBe(true);
    expect((await postGraphQL(server.url, '{ viewer { handle } }', {}, as(`Bearer ${token}`))).status).toBe(401);
    expect((await postGraphQL(server.url, '{ viewer { handle } }', {}, as(owner.authorization))).status).toBe(200);
  });

  it('signOut needs no particular scope: a write-only token can end itself; without a token it is 401', async () => {
    const { token } = (await postGraphQL(server.url, CREATE, { input: { name: 'write only', scopes: ['write'] } }, as(owner.authorization))).expectData()
      .createPersonalAccessToken;
    expect((await postGraphQL(server.url, 'mutation { signOut { signedOut } }', {}, as(`Bearer ${token}`))).expectData().signOut.signedOut).toBe(true);
    expect((await postGraphQL(server.url, '{ viewer { handle } }', {}, as(`Bearer ${token}`))).status).toBe(401);
    const anonymous = await postGraphQL(server.url, 'mutation { signOut { signedOut } }', {});
    expect(anonymous.status).toBe(401);
    anonymous.expectError('UNAUTHENTICATED');
  });
});

import { runUsersCommand } from '../../src/admin/users-command';
import { IdentityService } from '../../src/services/identity.service';
import { ENGINES } from '../support/services';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

const TOKEN = /^dpat_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;

describe.each(ENGINES)('users and tokens on %s', (engine) => {
  let database: TestDatabase;
  let identity: IdentityService;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    identity = new IdentityService({ db: database.db });
  });
  afterAll(() => database.close());

  it('`users create` makes a user, prints its token once, and stores only the hash', async () => {
    const { io, out } = capture();
    expect(await runUsersCommand(['create', 'ada'], identity, io)).toBe(0);
    const token = out.find((line) => TOKEN.test(line))!;
    expect(token).toBeDefined();
    const stored = await database.db.prisma.apiToken.findMany({ where: { user: { handle: 'ada' } } });
    expect(stored).toHaveLength(1);
    expect(stored[0].prefix).toBe(token.slice(0, 13));
    expect(stored[0].scopes).toEqual(['read', 'write']);
    const dump = JSON.stringify(await database.db.prisma.apiToken.findMany()) + Buffer.from(stored[0].secretHash).toString('latin1');
    expect(dump).not.toContain(token.slice(14));
    const viewer = await identity.authenticate(token);
    expect(viewer).toMatchObject({ handle: 'ada', scopes: ['read', 'write'] });
  });

  it('`users token --scopes read` issues a second, read-only token; `list` shows both without secrets', async () => {
    const issued = capture();
    expect(await runUsersCommand(['token', 'ada', '--scopes', 'read'], identity, issued.io)).toBe(0);
    const token = issued.out.find((line) => TOKEN.test(line))!;
    expect((await identity.authenticate(token)).scopes).toEqual(['read']);
    const listed = capture();
    expect(await runUsersCommand(['list', 'ada'], identity, listed.io)).toBe(0);
    expect(listed.out).toHaveLength(2);
    expect(listed.out[0]).toContain(`${token.slice(0, 13)}  read  active`);
    expect(listed.out.join('\n')).not.toContain(token.slice(14));
  });

  it('`users revoke <prefix>` makes the token fail with UNAUTHENTICATED; revoking again is harmless', async () => {
    const { token } = await identity.issueToken('ada');
    await identity.authenticate(token);
    const first = capture();
    expect(await runUsersCommand(['revoke', token.slice(0, 13)], identity, first.io)).toBe(0);
    await expect(identity.authenticate(token)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      message: expect.stringContaining('revoked'),
    });
    const again = capture();
    expect(await runUsersCommand(['revoke', token.slice(0, 13)], identity, again.io)).toBe(0);
    expect(again.out[0]).toBe(first.out[0]);
  });

  it('refuses a forged secret, an unknown prefix and garbage with UNAUTHENTICATED', async () => {
    const { token } = await identity.issueToken('ada');
    const forged = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const bad of [forged, `dpat_00000000_${'a'.repeat(43)}`, 'not-a-token']) {
      await expect(identity.authenticate(bad)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('records last use, at most every few minutes', async () => {
    const { token, prefix } = await identity.issueToken('ada');
    expect((await database.db.prisma.apiToken.findUniqueOrThrow({ where: { prefix } })).lastUsedAt).toBeNull();
    await identity.authenticate(token);
    const first = (await database.db.prisma.apiToken.findUniqueOrThrow({ where: { prefix } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await identity.authenticate(token);
    expect((await database.db.prisma.apiToken.findUniqueOrThrow({ where: { prefix } })).lastUsedAt).toEqual(first);
  });

  it('reports usage errors, a taken handle, bad handles, unknown users and bad scopes without writing', async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [[], 2, /Usage/],
      [['create'], 2, /Usage/],
      [['frobnicate', 'x'], 2, /Usage/],
      [['create', 'ada'], 1, /^CONFLICT: .*ada/],
      [['create', 'no spaces'], 1, /^BAD_USER_INPUT: .*handle/i],
      [['token', 'nobody'], 1, /^NOT_FOUND/],
      [['create', 'bob', '--scopes', 'admin'], 1, /^BAD_USER_INPUT: Scopes/],
      [['revoke', 'dpat_zz'], 1, /^BAD_USER_INPUT/],
      [['revoke', 'dpat_00000000'], 1, /^NOT_FOUND/],
    ];
    const before = await database.db.prisma.user.count();
    for (const [args, code, message] of cases) {
      const { io, err } = capture();
      expect([args, await runUsersCommand(args, identity, io)]).toEqual([args, code]);
      expect(err.join('\n')).toMatch(message);
    }
    expect(await database.db.prisma.user.count()).toBe(before);
  });
});

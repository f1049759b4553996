import { bearerToken } from '../../../src/auth/bearer';
import { parseScopes } from '../../../src/auth/scopes';
import { generateToken, hashSecret, isTokenPrefix, parseToken, secretMatches } from '../../../src/auth/token';

describe('personal access tokens', () => {
  it('are "dpat_<8 hex>_<43 chars>", random, and carry their public prefix', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a.token).toMatch(/^dpat_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(a.token.startsWith(`${a.prefix}_`)).toBe(true);
    expect(isTokenPrefix(a.prefix)).toBe(true);
    expect(a.token).not.toBe(b.token);
    expect(a.prefix).not.toBe(b.prefix);
  });

  it('store only the SHA-256 of the secret, which verifies the secret and nothing else', () => {
    const issued = generateToken();
    const parsed = parseToken(issued.token)!;
    expect(parsed.prefix).toBe(issued.prefix);
    expect(Buffer.from(issued.secretHash).toString('hex')).toBe(Buffer.from(hashSecret(parsed.secret)).toString('hex'));
    expect(Buffer.from(issued.secretHash).toString('utf8')).not.toContain(parsed.secret);
    expect(secretMatches(parsed.secret, issued.secretHash)).toBe(true);
    const tampered = parsed.secret.slice(0, -1) + (parsed.secret.endsWith('A') ? 'B' : 'A');
    expect(secretMatches(tampered, issued.secretHash)).toBe(false);
    expect(secretMatches(parsed.secret, new Uint8Array(16))).toBe(false);
  });

  it.each(['', 'dpat_', 'dpat_1234567_x', `dpat_zzzzzzzz_${'a'.repeat(43)}`, `ghp_12345678_${'a'.repeat(43)}`, `dpat_12345678_${'a'.repeat(42)}`])(
    'refuses the malformed token %p',
    (text) => expect(parseToken(text)).toBeNull(),
  );
});

describe('the Authorization value', () => {
  it('is anonymous when absent and yields the token after "Bearer"', () => {
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('')).toBeNull();
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc ')).toBe('abc');
  });

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'abc', 'Bearer a b'])('refuses %p with UNAUTHENTICATED', (value) => {
    expect(() => bearerToken(value)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }));
  });

  it('refuses a non-string value (a websocket connection_init payload is arbitrary JSON)', () => {
    expect(() => bearerToken({ token: 'x' })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }));
  });
});

describe('scopes', () => {
  it('parse a comma-separated subset of read, write', () => {
    expect(parseScopes('read')).toEqual(['read']);
    expect(parseScopes('read, write,read')).toEqual(['read', 'write']);
  });

  it.each(['', 'admin', 'read,admin'])('refuse %p with BAD_USER_INPUT naming scopes', (text) => {
    expect(() => parseScopes(text)).toThrow(expect.objectContaining({ argumentName: 'scopes' }));
  });
});

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Tokens look like "dpat_1a2b3c4d_<43 base64url chars>". The "dpat_<id>" part is the public
// prefix (stored, shown in listings, used to revoke); the rest is 256 random bits that exist only
// in the token the user holds: the database keeps their SHA-256. A fast hash is right here because
// the secret is random, not a password that could be guessed from a dictionary. The scheme says
// what kind of token it is, so a leaked one is recognisable in logs and by secret scanners
// (GitHub's ghp_/gho_/ghr_ convention).

export const TOKEN_SCHEMES = {
  /** Personal access token: the CLI or createPersonalAccessToken. */
  personal: 'dpat_',
  /** Session from signing in by email. */
  session: 'dpst_',
  /** Access token issued to an OAuth app. */
  oauth: 'dpoa_',
  /** OAuth refresh token (never a bearer token for the API). */
  refresh: 'dprt_',
} as const;
export type TokenScheme = (typeof TOKEN_SCHEMES)[keyof typeof TOKEN_SCHEMES];

export const TOKEN_SCHEME = TOKEN_SCHEMES.personal;
const TOKEN_PATTERN = /^(dp(?:at|st|oa|rt)_[0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export interface IssuedToken {
  /** The whole token: shown to the user once, never stored. */
  readonly token: string;
  readonly prefix: string;
  readonly secretHash: Uint8Array<ArrayBuffer>;
}

export function generateToken(scheme: TokenScheme = TOKEN_SCHEMES.personal): IssuedToken {
  const prefix = `${scheme}${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  return { token: `${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

/** The prefix and secret of a well-formed token; null for anything else. */
export function parseToken(text: string): { prefix: string; secret: string } | null {
  const match = TOKEN_PATTERN.exec(text);
  return match ? { prefix: match[1], secret: match[2] } : null;
}

export function hashSecret(secret: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash('sha256').update(secret, 'utf8').digest());
}

/** Compares in constant time, so response timing tells nothing about how much of a secret matched. */
export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const candidate = hashSecret(secret);
  return storedHash.length === candidate.length && timingSafeEqual(candidate, storedHash);
}

/** Looks like a token prefix ("dpat_1a2b3c4d", "dpst_…"), as `users revoke` takes it. */
export function isTokenPrefix(text: string): boolean {
  return /^dp(?:at|st|oa)_[0-9a-f]{8}$/.test(text);
}

/** A random single-use secret for links and codes (256 bits, base64url) with the hash to store. */
export function generateSecret(): { secret: string; hash: Uint8Array<ArrayBuffer> } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashSecret(secret) };
}

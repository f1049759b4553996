import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Personal access tokens look like "dpat_1a2b3c4d_<43 base64url chars>". The "dpat_<id>" part is
// the public prefix (stored, shown in listings, used to revoke); the rest is 256 random bits that
// exist only in the token the user holds: the database keeps their SHA-256. A fast hash is right
// here because the secret is random, not a password that could be guessed from a dictionary.

export const TOKEN_SCHEME = 'dpat_';
const TOKEN_PATTERN = /^(dpat_[0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export interface IssuedToken {
  /** The whole token: shown to the user once, never stored. */
  readonly token: string;
  readonly prefix: string;
  readonly secretHash: Uint8Array<ArrayBuffer>;
}

export function generateToken(): IssuedToken {
  const prefix = `${TOKEN_SCHEME}${randomBytes(4).toString('hex')}`;
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

/** Looks like a token prefix ("dpat_1a2b3c4d"), as `users revoke` takes it. */
export function isTokenPrefix(text: string): boolean {
  return /^dpat_[0-9a-f]{8}$/.test(text);
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Viewer } from '../../context';
import type { IdentityService } from '../../services/identity.service';

// The browser side of email sign-in: the session token in an HttpOnly cookie, read only by the
// /oauth/* and /signin pages. /graphql never reads cookies, so it needs no CSRF defence; these
// pages use SameSite=Lax plus a per-session form token.

export const SESSION_COOKIE = 'dp_session';

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export function sessionTokenOf(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || null;
  }
  return null;
}

/** The signed-in person behind the cookie: a live session token only; null otherwise. */
export async function sessionViewer(req: IncomingMessage, identity: IdentityService): Promise<{ viewer: Viewer; token: string } | null> {
  const token = sessionTokenOf(req);
  if (!token) return null;
  try {
    const viewer = await identity.authenticate(token);
    return viewer.tokenKind === 'session' ? { viewer, token } : null;
  } catch {
    return null;
  }
}

/** The form token for a session: derived from its secret, so a cross-site page cannot know it. */
export function formToken(sessionToken: string): string {
  return createHash('sha256').update(`form:${sessionToken}`).digest('base64url');
}

export function formTokenMatches(sessionToken: string, candidate: string): boolean {
  const expected = Buffer.from(formToken(sessionToken));
  const given = Buffer.from(candidate);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

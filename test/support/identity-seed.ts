import type { Viewer } from '../../src/context';
import type { Db } from '../../src/db/client';
import type { Scope } from '../../src/auth/scopes';
import { IdentityService } from '../../src/services/identity.service';

let sequence = 0;

/** A new user with a token; the handle is unique per call so tests never collide. */
export async function createUserWithToken(db: Db, prefix = 'user', scopes: readonly Scope[] = ['read', 'write']) {
  sequence += 1;
  const handle = `${prefix}-${process.pid}-${sequence}`;
  const { user, token } = await new IdentityService({ db }).createUser(handle, scopes);
  const viewer: Viewer = { userId: user.id, handle, scopes };
  return { user, token: token.token, prefix: token.prefix, viewer, authorization: `Bearer ${token.token}` };
}

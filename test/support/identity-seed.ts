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

/** `count` papers featured on `day`, ids "2501.0xxxx" from `first` on, with a given imported baseline. */
export async function seedPapers(db: Db, count: number, options: { day?: string; first?: number; baseline?: number } = {}): Promise<string[]> {
  const day = new Date(`${options.day ?? '2025-01-15'}T00:00:00Z`);
  await db.prisma.day.upsert({ where: { date: day }, create: { date: day }, update: {} });
  const ids = Array.from({ length: count }, (_, i) => `2501.${String((options.first ?? 10000) + i).padStart(5, '0')}`);
  await db.prisma.paper.createMany({
    data: ids.map((id, i) => ({ id, title: `Paper ${id}`, abstract: `Abstract of ${id}.`, dayDate: day, importedUpvoteCount: options.baseline ?? i % 7 })),
  });
  return ids;
}

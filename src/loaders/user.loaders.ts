import type { Db } from '../db/client';
import type { UserRecord } from '../db/records';

/** Users by id, null for unknown ids, in key order. */
export async function usersById(db: Db, ids: readonly number[]): Promise<Array<UserRecord | null>> {
  const rows = await db.prisma.user.findMany({ where: { id: { in: [...ids] } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

import type { Db } from '../db/client';
import type { PaperRecord } from '../db/records';

/** Papers by arXiv id, null for unknown ids, in key order. */
export async function papersById(db: Db, ids: readonly string[]): Promise<Array<PaperRecord | null>> {
  const rows = await db.prisma.paper.findMany({ where: { id: { in: [...ids] } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

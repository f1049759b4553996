import { Prisma } from '../generated/client';
import type { DayRange } from '../../lib/day-range';
import { isoDay } from '../../lib/day';

/** A validated filter (services/paper-filter.ts validates), ready to become a Prisma where or a SQL condition. */
export interface PaperConditions {
  readonly days: Partial<DayRange>;
  readonly authorId?: number;
  readonly submitter?: string;
  readonly hasCode?: boolean;
  readonly withdrawn?: boolean;
}

/** The conditions as a Prisma where for paper.findMany / paper.count. */
export function paperWhere(c: PaperConditions): Prisma.PaperWhereInput {
  return {
    ...((c.days.from || c.days.to) && { dayDate: { ...(c.days.from && { gte: c.days.from }), ...(c.days.to && { lte: c.days.to }) } }),
    ...(c.authorId !== undefined && { authors: { some: { authorId: c.authorId } } }),
    ...(c.submitter !== undefined && { submittedBy: { is: { handle: c.submitter } } }),
    ...(c.hasCode !== undefined && { githubRepo: c.hasCode ? { not: null } : null }),
    ...(c.withdrawn !== undefined && { withdrawnAt: c.withdrawn ? { not: null } : null }),
  };
}

/** The same conditions as SQL over `papers p`, for raw statements (search). */
export function paperSql(c: PaperConditions): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (c.days.from) parts.push(Prisma.sql`p.day_date >= ${isoDay(c.days.from)}::date`);
  if (c.days.to) parts.push(Prisma.sql`p.day_date <= ${isoDay(c.days.to)}::date`);
  if (c.authorId !== undefined) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM paper_authors pa WHERE pa.paper_id = p.id AND pa.author_id = ${c.authorId})`);
  if (c.submitter !== undefined) parts.push(Prisma.sql`p.submitted_by_id = (SELECT u.id FROM users u WHERE u.handle = ${c.submitter})`);
  if (c.hasCode !== undefined) parts.push(c.hasCode ? Prisma.sql`p.github_repo IS NOT NULL` : Prisma.sql`p.github_repo IS NULL`);
  if (c.withdrawn !== undefined) parts.push(c.withdrawn ? Prisma.sql`p.withdrawn_at IS NOT NULL` : Prisma.sql`p.withdrawn_at IS NULL`);
  return Prisma.join(parts, ' AND ');
}

import { Prisma } from '../generated/client';
import { BadUserInputError } from '../../errors/errors';
import { fromGlobalId } from '../../lib/global-id';
import { intersect, parseIsoWeek, parseMonth, type DayRange } from './date-range';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** PaperFilter as the API takes it; see schema/paper/paper.inputs.ts for the meaning of each field. */
export interface PaperFilterInput {
  readonly fromDay?: Date | null;
  readonly toDay?: Date | null;
  readonly week?: string | null;
  readonly month?: string | null;
  readonly author?: string | null;
  readonly submitter?: string | null;
  readonly hasCode?: boolean | null;
  readonly withdrawn?: boolean | null;
}

/** A validated filter, ready to become a Prisma where or a SQL condition. */
export interface PaperConditions {
  readonly days: Partial<DayRange>;
  readonly authorId?: number;
  readonly submitter?: string;
  readonly hasCode?: boolean;
  readonly withdrawn?: boolean;
}

/** Validates a filter; bad weeks, months and author ids are BAD_USER_INPUT naming `filter.<field>`. */
export function paperConditions(filter: PaperFilterInput | null | undefined): PaperConditions {
  if (!filter) return { days: {} };
  const ranges: Array<Partial<DayRange>> = [{ ...(filter.fromDay && { from: filter.fromDay }), ...(filter.toDay && { to: filter.toDay }) }];
  if (filter.week != null) ranges.push(parseIsoWeek(filter.week, 'filter.week'));
  if (filter.month != null) ranges.push(parseMonth(filter.month, 'filter.month'));
  let authorId: number | undefined;
  if (filter.author != null) {
    const global = fromGlobalId(filter.author);
    authorId = global?.type === 'Author' ? Number(global.localId) : NaN;
    if (!Number.isSafeInteger(authorId)) throw new BadUserInputError('filter.author', `"filter.author" must be an Author id, got "${filter.author}".`);
  }
  return {
    days: intersect(ranges),
    ...(authorId !== undefined && { authorId }),
    ...(filter.submitter != null && { submitter: filter.submitter }),
    ...(filter.hasCode != null && { hasCode: filter.hasCode }),
    ...(filter.withdrawn != null && { withdrawn: filter.withdrawn }),
  };
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

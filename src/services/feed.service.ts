import type { RequestContext } from '../context';
import type { Db } from '../db/client';
import { keysetPage, type KeysetOrdering } from '../db/queries/keyset';
import { paperOrdering } from './paper-orderings';
import type { DayRecord, PaperRecord } from '../db/records';
import type { ConnectionArgsInput, Page } from '../lib/page';
import { toPageRequest } from '../lib/page-request';
import type { PaperListArgs } from './paper.service';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Days newest first; dates are unique, so the date alone is a complete keyset. */
const DAYS_NEWEST_FIRST: KeysetOrdering<DayRecord> = {
  kind: 'day:DESC',
  keys: [{ field: 'date', direction: 'desc', read: (day) => isoDay(day.date), parse: (value) => new Date(String(value)) }],
};

export interface DaysArgs extends ConnectionArgsInput {
  readonly from?: Date | null;
  readonly to?: Date | null;
}

/** The daily feed: featured days, their neighbours and their ranked papers. */
export class FeedService {
  constructor(private readonly deps: { db: Db }) {}

  /** The featured day on `date`; null when no paper was featured that day. */
  async day(ctx: RequestContext, date: Date): Promise<{ date: Date } | null> {
    const row = await ctx.loaders.dayByDate.load(isoDay(date));
    return row && { date: new Date(row.date) };
  }

  /** Featured days newest first, optionally within [from, to]. */
  days(_ctx: RequestContext, args: DaysArgs): Promise<Page<DayRecord>> {
    const request = toPageRequest(args);
    const where = { date: { ...(args.from && { gte: args.from }), ...(args.to && { lte: args.to }) } };
    const { prisma } = this.deps.db;
    return keysetPage(DAYS_NEWEST_FIRST, request, where, (query) => prisma.day.findMany(query), () => prisma.day.count({ where }));
  }

  /** The featured day before (`previous`) or after (`next`) the given one; null at the ends. */
  async neighbour(ctx: RequestContext, date: Date, which: 'previous' | 'next'): Promise<{ date: Date } | null> {
    const row = await ctx.loaders.dayByDate.load(isoDay(date));
    const neighbour = row?.[which];
    return neighbour ? { date: new Date(neighbour) } : null;
  }

  paperCount(ctx: RequestContext, date: Date): Promise<number> {
    return ctx.loaders.paperCountByDay.load(isoDay(date));
  }

  /** A day's papers, most upvoted first unless `orderBy` says otherwise; batched across days. */
  async papers(ctx: RequestContext, date: Date, args: PaperListArgs): Promise<Page<PaperRecord>> {
    const request = toPageRequest({ first: args.first, after: args.after });
    const ordering = paperOrdering(args.orderBy?.field ?? 'UPVOTES', args.orderBy?.direction ?? 'DESC');
    const after = request.direction === 'forward' ? request.after ?? null : null;
    const page = await ctx.loaders.papersOfParent.load({ parent: 'day', parentId: isoDay(date), ordering, limit: request.limit, after });
    for (const paper of page.nodes) ctx.loaders.paperById.prime(paper.id, paper);
    return page;
  }
}

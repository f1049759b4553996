import type { RequestContext } from '../context';
import type { Db } from '../db/client';
import { NO_EXTRAS, type PaperPageExtras } from '../loaders/paper.loaders';
import { keysetPage } from '../db/queries/keyset';
import type { DayRecord, PaperCard } from '../db/records';
import { cursorDate, type KeysetOrdering } from '../lib/paging/keyset';
import type { ConnectionArgsInput, Page } from '../lib/paging/page';
import { toPageRequest } from '../lib/paging/page-request';
import { papersOfParent } from './paper-pages';
import type { PaperListArgs } from './paper.service';
import { dayDate, isoDay } from '../lib/day';

/** Days newest first; dates are unique, so the date alone is a complete keyset. */
const DAYS_NEWEST_FIRST: KeysetOrdering<DayRecord> = {
  kind: 'day:DESC',
  keys: [{ field: 'date', direction: 'desc', read: (day) => isoDay(day.date), parse: cursorDate }],
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
    return row && { date: dayDate(row.date) };
  }

  /** Featured days newest first, optionally within [from, to]. */
  days(_ctx: RequestContext, args: DaysArgs): Promise<Page<DayRecord>> {
    const request = toPageRequest(args);
    const where = { date: { ...(args.from && { gte: args.from }), ...(args.to && { lte: args.to }) } };
    const { prisma } = this.deps.db;
    return keysetPage({
      ordering: DAYS_NEWEST_FIRST,
      request,
      where,
      find: (query) => prisma.day.findMany(query),
      count: () => prisma.day.count({ where }),
    });
  }

  /** The featured day before (`previous`) or after (`next`) the given one; null at the ends. */
  async neighbour(ctx: RequestContext, date: Date, which: 'previous' | 'next'): Promise<{ date: Date } | null> {
    const row = await ctx.loaders.dayByDate.load(isoDay(date));
    const neighbour = row?.[which];
    return neighbour ? { date: dayDate(neighbour) } : null;
  }

  paperCount(ctx: RequestContext, date: Date): Promise<number> {
    return ctx.loaders.paperCountByDay.load(isoDay(date));
  }

  /** A day's papers, most upvoted first unless `orderBy` says otherwise; batched across days. */
  papers(ctx: RequestContext, date: Date, args: PaperListArgs, extras: PaperPageExtras = NO_EXTRAS): Promise<Page<PaperCard>> {
    return papersOfParent(ctx, 'day', isoDay(date), args, 'UPVOTES', extras);
  }
}

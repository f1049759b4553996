import type { RequestContext } from '../context';
import type { Db } from '../db/client';
import { topPapers } from '../db/queries/trending';
import type { PaperRecord } from '../db/records';
import { periodRange } from '../lib/day-range';
import type { ConnectionArgsInput, Page } from '../lib/paging/page';
import { toPageRequest } from '../lib/paging/page-request';
import { primePapers } from './paper-pages';
import { trendingOrdering, type TrendingBy } from './paper-orderings';

/** The stretch of featured days a trending list covers: the day, ISO week or month containing a date (UTC). */
export type Period = 'DAY' | 'WEEK' | 'MONTH';

export interface TrendingArgs extends ConnectionArgsInput {
  readonly period?: Period | null;
  /** Any day of the period; the latest featured day when omitted. */
  readonly date?: Date | null;
  readonly by?: TrendingBy | null;
}

export class TrendingService {
  constructor(private readonly deps: { db: Db }) {}

  async trending(ctx: RequestContext, args: TrendingArgs): Promise<Page<PaperRecord>> {
    const page = toPageRequest(args);
    const date = args.date ?? (await this.latestDay()) ?? new Date();
    const range = periodRange(args.period ?? 'WEEK', date);
    const result = await topPapers(this.deps.db, { range, ordering: trendingOrdering(args.by ?? 'UPVOTES'), page });
    primePapers(ctx, result.nodes);
    return result;
  }

  private async latestDay(): Promise<Date | null> {
    const day = await this.deps.db.prisma.day.findFirst({ orderBy: { date: 'desc' }, select: { date: true } });
    return day?.date ?? null;
  }
}

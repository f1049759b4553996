import type { Db } from '../client';
import type { DayRange } from '../../lib/day-range';
import type { KeysetOrdering } from '../../lib/paging/keyset';
import type { Page, PageRequest } from '../../lib/paging/page';
import type { PaperRecord } from '../records';
import { keysetPage } from './keyset';

export interface TopPapersOptions {
  /** The featured days the ranking covers. */
  readonly range: DayRange;
  /** The ranking (services/paper-orderings.ts trendingOrdering). */
  readonly ordering: KeysetOrdering<PaperRecord>;
  /** A page request (see lib/paging/page-request.ts); `{ direction: 'forward', limit: 10 }` for a plain top 10. */
  readonly page: PageRequest;
}

/**
 * The trending papers of a range of days: papers featured on a day inside it, withdrawn papers
 * left out, in the given order. Reusable outside GraphQL (the email digest): `page.nodes` are full rows.
 */
export function topPapers(db: Db, options: TopPapersOptions): Promise<Page<PaperRecord>> {
  const where = { dayDate: { gte: options.range.from, lte: options.range.to }, withdrawnAt: null };
  return keysetPage({
    ordering: options.ordering,
    request: options.page,
    where,
    find: (query) => db.prisma.paper.findMany(query),
    count: () => db.prisma.paper.count({ where }),
  });
}

import type { Db } from '../db/client';
import { keysetPage } from '../db/queries/keyset';
import { paperWhere } from '../db/queries/paper-filter';
import type { PaperRecord } from '../db/records';
import type { RequestContext } from '../context';
import type { ConnectionArgsInput, Page } from '../lib/paging/page';
import { toPageRequest } from '../lib/paging/page-request';
import { primePapers } from './paper-pages';
import { paperIdFromArgument } from './id-arguments';
import { paperConditions, type PaperFilterInput } from './paper-filter';
import { paperOrdering, type PaperOrderField, type SortDirection } from './paper-orderings';

export interface PaperListArgs extends ConnectionArgsInput {
  readonly orderBy?: { readonly field: PaperOrderField; readonly direction: SortDirection } | null;
}

export interface FilteredPaperListArgs extends PaperListArgs {
  readonly filter?: PaperFilterInput | null;
}

export class PaperService {
  constructor(private readonly deps: { db: Db }) {}

  /** The paper named by a global id or arXiv id; null when unknown or malformed. */
  async findById(ctx: RequestContext, id: string): Promise<PaperRecord | null> {
    const arxivId = paperIdFromArgument(id);
    return arxivId ? ctx.loaders.paperById.load(arxivId) : null;
  }

  /** Papers matching the filter, newest featured day first (a day's papers by upvotes), unless orderBy says otherwise. */
  async list(ctx: RequestContext, args: FilteredPaperListArgs): Promise<Page<PaperRecord>> {
    const request = toPageRequest(args);
    const ordering = paperOrdering(args.orderBy?.field ?? 'FEATURED_DAY', args.orderBy?.direction ?? 'DESC');
    const where = paperWhere(paperConditions(args.filter));
    const { prisma } = this.deps.db;
    const page = await keysetPage({
      ordering,
      request,
      where: where as Record<string, unknown>,
      find: (query) => prisma.paper.findMany(query),
      count: () => prisma.paper.count({ where }),
    });
    primePapers(ctx, page.nodes);
    return page;
  }
}

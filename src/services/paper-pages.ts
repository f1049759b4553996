import type { RequestContext } from '../context';
import type { PaperParent } from '../db/queries/papers-by-parent';
import type { PaperCard, PaperRecord } from '../db/records';
import type { PaperPageExtras } from '../loaders/paper.loaders';
import { seekOf } from '../lib/paging/keyset';
import type { Page } from '../lib/paging/page';
import { toForwardPageRequest } from '../lib/paging/page-request';
import { paperOrdering, type PaperOrderField } from './paper-orderings';
import type { PaperListArgs } from './paper.service';

/** Later fields of the same response (a paper's authors, upvoters, …) load papers from a page for free. */
export function primePapers(ctx: RequestContext, papers: Iterable<PaperRecord>): void {
  for (const paper of papers) ctx.loaders.paperById.prime(paper.id, paper);
}

/**
 * A day's or an author's papers (a nested `papers(first, after, orderBy)` field), batched across
 * parents by the papersOfParent loader. The cursor is checked here, so a bad one fails its own
 * field only, not the batch it would have joined.
 */
export async function papersOfParent(
  ctx: RequestContext,
  parent: PaperParent,
  parentId: string | number,
  args: PaperListArgs,
  defaultField: PaperOrderField,
  extras: PaperPageExtras,
): Promise<Page<PaperCard>> {
  const request = toForwardPageRequest(args);
  const ordering = paperOrdering(args.orderBy?.field ?? defaultField, args.orderBy?.direction ?? 'DESC');
  // The loader primes paperById itself, with the rows that have every column.
  return ctx.loaders.papersOfParent.load({ parent, parentId, ordering, request, seek: seekOf(ordering, request), extras });
}

import type { RequestContext } from '../context';
import type { Db } from '../db/client';
import { searchPapers, type SearchHit } from '../db/queries/search';
import { BadUserInputError } from '../errors/errors';
import type { ConnectionArgsInput, Page } from '../lib/page';
import { toPageRequest } from '../lib/page-request';
import { paperConditions, type PaperFilterInput } from './paper-filter';

export type { SearchHit };

export const MAX_QUERY_LENGTH = 256;

export interface SearchArgs extends ConnectionArgsInput {
  readonly query: string;
  readonly filter?: PaperFilterInput | null;
}

export class SearchService {
  constructor(private readonly deps: { db: Db }) {}

  /** Papers matching `query`, best match first (ties by arXiv id). */
  async search(ctx: RequestContext, args: SearchArgs): Promise<Page<SearchHit>> {
    // PostgreSQL text cannot hold NUL; other control characters only split words anyway.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    const text = args.query.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
    if (!text) throw new BadUserInputError('query', '"query" must contain at least one word.');
    if (text.length > MAX_QUERY_LENGTH) throw new BadUserInputError('query', `"query" may be at most ${MAX_QUERY_LENGTH} characters.`);
    const request = toPageRequest({ first: args.first, after: args.after });
    const page = await searchPapers(this.deps.db, {
      text,
      conditions: paperConditions(args.filter),
      limit: request.limit,
      after: request.direction === 'forward' ? request.after ?? null : null,
    });
    for (const hit of page.nodes) ctx.loaders.paperById.prime(hit.paper.id, hit.paper);
    return page;
  }
}

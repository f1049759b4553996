import { Args, Ctx, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { SearchHit } from '../../services/search.service';
import type { Page } from '../../lib/paging/page';
import { Connection } from '../common/connection';
import { SearchResult } from './search-result.type';
import { SearchArgs } from './search.inputs';

@ObjectType({ description: 'A page of search results, best match first.' })
export class SearchResultConnection extends Connection(SearchResult, 'SearchResult') {}

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, {
    description: 'Ranked full-text search over titles and abstracts; a title match ranks above an abstract-only match. Best match first, ties by arXiv id.',
  })
  search(@Args() args: SearchArgs, @Ctx() ctx: RequestContext): Promise<Page<SearchHit>> {
    return ctx.services.search.search(ctx, args);
  }
}

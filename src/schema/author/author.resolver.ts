import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { AuthorRecord, AuthorSummary, PaperCard } from '../../services/records';
import { toGlobalId } from '../../lib/global-id';
import type { Page } from '../../lib/paging/page';
import { NonNegativeInt } from '../common/scalars';
import { PaperConnection, paperPageExtras } from '../paper/paper.connection';
import { ForwardPapersArgs } from '../paper/paper.inputs';
import { AuthorConnection } from './author.connection';
import { AuthorsArgs } from './author.inputs';
import { Author } from './author.type';

@Resolver(() => Author)
export class AuthorResolver {
  @Query(() => Author, { nullable: true, description: 'An author by `id` (as returned by `Author.id`). Null when unknown.' })
  author(@Arg('id', () => ID, { description: 'An Author global id.' }) id: string, @Ctx() ctx: RequestContext): Promise<AuthorRecord | null> {
    return ctx.services.authors.findById(ctx, id);
  }

  @Query(() => AuthorConnection, { description: 'Authors by name A→Z (ties by id), optionally those whose name contains `search`.' })
  authors(@Args() args: AuthorsArgs, @Ctx() ctx: RequestContext): Promise<Page<AuthorRecord>> {
    return ctx.services.authors.list(ctx, args);
  }

  @FieldResolver(() => ID, { description: 'Globally unique, opaque id (Relay).' })
  id(@Root() author: AuthorSummary): string {
    return toGlobalId('Author', author.id);
  }

  @FieldResolver(() => NonNegativeInt, { description: 'How many papers name this author in their byline.' })
  paperCount(@Root() author: AuthorSummary, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.services.authors.paperCount(ctx, author.id);
  }

  @FieldResolver(() => PaperConnection, {
    description: 'Papers naming this author, newest featured day first (within a day most upvoted; ties by arXiv id) unless `orderBy` says otherwise.',
  })
  papers(
    @Root() author: AuthorSummary,
    @Args() args: ForwardPapersArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<PaperCard>> {
    return ctx.services.authors.papers(ctx, author.id, args, paperPageExtras(info));
  }
}

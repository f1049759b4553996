import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { PaperCard } from '../../services/records';
import { mapPage } from '../../lib/paging/map-page';
import type { Page } from '../../lib/paging/page';
import { NonNegativeInt } from '../common/scalars';
import { PaperConnection, paperPageExtras } from '../paper/paper.connection';
import { ForwardPapersArgs } from '../paper/paper.inputs';
import { AuthorConnection } from './author.connection';
import { AuthorsArgs } from './author.inputs';
import { Author } from './author.type';
import { authorNode, type AuthorNode } from './author-node';

@Resolver(() => Author)
export class AuthorResolver {
  @Query(() => Author, { nullable: true, description: 'An author by `id` (as returned by `Author.id`). Null when unknown.' })
  async author(@Arg('id', () => ID, { description: 'An Author global id.' }) id: string, @Ctx() ctx: RequestContext): Promise<AuthorNode | null> {
    const author = await ctx.services.authors.findById(ctx, id);
    return author && authorNode(author);
  }

  @Query(() => AuthorConnection, { description: 'Authors by name A→Z (ties by id), optionally those whose name contains `search`.' })
  async authors(@Args() args: AuthorsArgs, @Ctx() ctx: RequestContext): Promise<Page<AuthorNode>> {
    return mapPage(await ctx.services.authors.list(ctx, args), authorNode);
  }

  @FieldResolver(() => NonNegativeInt, { description: 'How many papers name this author in their byline.' })
  paperCount(@Root() author: AuthorNode, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.services.authors.paperCount(ctx, author.authorId);
  }

  @FieldResolver(() => PaperConnection, {
    description: 'Papers naming this author, newest featured day first (within a day most upvoted; ties by arXiv id) unless `orderBy` says otherwise.',
  })
  papers(@Root() author: AuthorNode, @Args() args: ForwardPapersArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Page<PaperCard>> {
    return ctx.services.authors.papers(ctx, author.authorId, args, paperPageExtras(info));
  }
}

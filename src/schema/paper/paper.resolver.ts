import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { PaperCard, PaperRecord } from '../../services/records';
import { toGlobalId } from '../../lib/global-id';
import type { Page } from '../../lib/paging/page';
import { Author } from '../author/author.type';
import { authorNode, type AuthorNode } from '../author/author-node';
import { arxivAbsUrl, arxivPdfUrl } from '../../lib/arxiv-id';
import { NonNegativeInt, URLScalar } from '../common/scalars';
import { Day } from '../day/day.type';
import { PaperConnection } from './paper.connection';
import { FilteredPapersArgs } from './paper.inputs';
import { Paper } from './paper.type';

@Resolver(() => Paper)
export class PaperResolver {
  @Query(() => Paper, {
    nullable: true,
    description: 'A paper by arXiv id ("2407.18232", "hep-th/9901001", a "v2" suffix is ignored) or by its global `id`. Null when unknown.',
  })
  paper(@Arg('id', () => ID, { description: 'An arXiv id or a Paper global id.' }) id: string, @Ctx() ctx: RequestContext): Promise<PaperRecord | null> {
    return ctx.services.papers.findById(ctx, id);
  }

  @Query(() => PaperConnection, {
    description: 'Papers matching `filter`, newest featured day first (within a day, most upvoted first) unless `orderBy` says otherwise.',
  })
  papers(@Args() args: FilteredPapersArgs, @Ctx() ctx: RequestContext): Promise<Page<PaperRecord>> {
    return ctx.services.papers.list(ctx, args);
  }

  @FieldResolver(() => ID, { description: 'Globally unique, opaque id (Relay). Every argument that names a paper also accepts the bare arXiv id.' })
  id(@Root() paper: PaperCard): string {
    return toGlobalId('Paper', paper.id);
  }

  @FieldResolver(() => String, { description: 'The arXiv id without version suffix, e.g. "2407.18232" or "hep-th/9901001".' })
  arxivId(@Root() paper: PaperCard): string {
    return paper.id;
  }

  @FieldResolver(() => Day, { description: 'The day this paper was featured in the daily list.' })
  day(@Root() paper: PaperCard): { date: Date } {
    return { date: paper.dayDate };
  }

  @FieldResolver(() => [Author], {
    description:
      'Every author in byline order, including names the source page hides (see `authorsHidden`; leave those out when showing the byline to people).',
  })
  async authors(@Root() paper: PaperCard, @Ctx() ctx: RequestContext): Promise<AuthorNode[]> {
    return (await ctx.loaders.authorsByPaperId.load(paper.id)).map(authorNode);
  }

  @FieldResolver(() => [Boolean], {
    description: 'For each entry of `authors`, in the same order: true when the source page hides that name from the byline (Hugging Face "hidden" authors).',
  })
  async authorsHidden(@Root() paper: PaperCard, @Ctx() ctx: RequestContext): Promise<boolean[]> {
    return (await ctx.loaders.authorsByPaperId.load(paper.id)).map((author) => author.hidden);
  }

  @FieldResolver(() => NonNegativeInt, { description: 'How many names the byline lists (the length of `authors`).' })
  async authorCount(@Root() paper: PaperCard, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.loaders.authorsByPaperId.load(paper.id)).length;
  }

  @FieldResolver(() => URLScalar, { description: 'The arXiv abstract page.' })
  arxivUrl(@Root() paper: PaperCard): string {
    return arxivAbsUrl(paper.id);
  }

  @FieldResolver(() => URLScalar, { description: 'The PDF of the latest arXiv version.' })
  pdfUrl(@Root() paper: PaperCard): string {
    return arxivPdfUrl(paper.id);
  }

  @FieldResolver(() => NonNegativeInt, { description: 'Upvotes: the count imported from the source feed plus upvotes cast here.' })
  upvoteCount(@Root() paper: PaperCard): number {
    return paper.upvoteCount;
  }
}

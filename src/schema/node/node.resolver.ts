import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { NodeRecord } from '../../services/node.service';
import type { AuthorSummary } from '../../services/records';
import { authorNode } from '../author/author-node';
import { Node } from '../common/node.type';

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global `id` (Relay): a Paper, Author, Day or User. Null when the id is unknown or not one of ours.',
  })
  async node(
    @Arg('id', () => ID, { description: 'A global id as returned by an `id` field.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<NodeRecord | null> {
    const record = await ctx.services.nodes.node(ctx, id);
    // Authors reach GraphQL as AuthorNodes, whose id is already the global one (author-node.ts).
    if (record?.__typename === 'Author') return { ...authorNode(record as NodeRecord & AuthorSummary), __typename: 'Author' };
    return record;
  }
}

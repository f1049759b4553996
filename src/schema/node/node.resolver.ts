import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { NodeRecord } from '../../services/node.service';
import { Node } from '../common/node.type';

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global `id` (Relay): a Paper, Author, Day or User. Null when the id is unknown or not one of ours.',
  })
  node(@Arg('id', () => ID, { description: 'A global id as returned by an `id` field.' }) id: string, @Ctx() ctx: RequestContext): Promise<NodeRecord | null> {
    return ctx.services.nodes.node(ctx, id);
  }
}

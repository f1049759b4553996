import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../lib/paging/page-request';
import { PageInfo } from './page-info.type';

/**
 * The GraphQL shape of a service's Page<T>: `XConnection { edges { cursor node } nodes pageInfo
 * totalCount }` and `XEdge`. One factory so every list in the API pages the same way.
 */
export function Connection<TNode extends object>(nodeClass: ClassType<TNode>, nodeName: string) {
  @ObjectType(`${nodeName}Edge`, { description: `A ${nodeName} with its position in the connection.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this edge; pass it as `after` or `before`.' })
    cursor!: string;

    @Field(() => nodeClass, { description: `The ${nodeName}.` })
    node!: TNode;
  }

  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => [Edge], { description: 'The page, in the requested order.' })
    edges!: Edge[];

    @Field(() => [nodeClass], { description: 'The nodes of `edges`, for clients that need no cursors.' })
    nodes!: TNode[];

    @Field(() => PageInfo, { description: 'Cursors and whether more pages exist in either direction.' })
    pageInfo!: PageInfo;

    // The page's count is a lazy promise (lib/lazy.ts). A field without a resolver is read as a
    // plain value by compiled queries (schema/direct-resolvers.ts), so this one keeps TypeGraphQL's.
    @Field(() => Int, {
      simple: false,
      description: 'How many items the whole connection holds (all pages, with the same filter). Costs one extra query; select it only when needed.',
    })
    totalCount!: number;
  }
  return ConnectionClass;
}

@ArgsType()
export class ForwardConnectionArgs {
  @Field(() => Int, { nullable: true, description: `How many items to return after \`after\`: 0–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return items after this cursor (an `endCursor` or edge `cursor` from this connection with the same arguments).',
  })
  after?: string | null;
}

@ArgsType()
export class ConnectionArgs extends ForwardConnectionArgs {
  @Field(() => Int, { nullable: true, description: `How many items to return before \`before\`: 0–${MAX_PAGE_SIZE}. Not together with \`first\`.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items before this cursor (a `startCursor` or edge `cursor`), paging backwards.' })
  before?: string | null;
}

import { assertObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { buildSchema as buildTypeGraphQLSchema } from 'type-graphql';
import { toGlobalId } from '../../../src/lib/global-id';
import { createInProcessPubSub } from '../../../src/pubsub/in-process-pubsub';
import { buildSchema } from '../../../src/schema/build-schema';
import { callFieldResolversDirectly } from '../../../src/schema/direct-resolvers';
import { resolvers } from '../../../src/schema/resolvers';

// The schema calls simple field resolvers without TypeGraphQL's per-call wrapper
// (src/schema/direct-resolvers.ts). Compared here with the wrapper on the same fields.

const PAPER = { id: '2407.18232', dayDate: new Date('2024-07-25T00:00:00Z'), upvoteCount: 7, importedUpvoteCount: 2 };

describe('field resolvers called directly', () => {
  let schema: GraphQLSchema;
  let wrapped: Map<string, GraphQLFieldResolver<unknown, unknown> | undefined>;
  let replaced: number;
  beforeAll(async () => {
    schema = await buildTypeGraphQLSchema({ resolvers, pubSub: createInProcessPubSub(), validate: false });
    wrapped = new Map(
      ['Paper', 'Author', 'Day'].flatMap((type) =>
        Object.values(assertObjectType(schema.getType(type)).getFields()).map((field) => [`${type}.${field.name}`, field.resolve]),
      ),
    );
    replaced = callFieldResolversDirectly(schema);
  });

  const resolverOf = (coordinate: string) => {
    const [type, field] = coordinate.split('.');
    return assertObjectType(schema.getType(type)).getFields()[field].resolve!;
  };

  it('replaces the wrapper of field resolvers that take only @Root, @Ctx and @Info', () => {
    expect(replaced).toBeGreaterThanOrEqual(20);
    for (const coordinate of ['Paper.id', 'Paper.arxivId', 'Paper.day', 'Paper.authors', 'Paper.viewerHasUpvoted', 'Day.id', 'Day.paperCount']) {
      expect({ coordinate, same: resolverOf(coordinate) === wrapped.get(coordinate) }).toEqual({ coordinate, same: false });
    }
  });

  it('keeps TypeGraphQL in charge where it converts arguments (connections with first/after/orderBy)', () => {
    for (const coordinate of ['Author.papers', 'Day.papers', 'Paper.upvoters']) {
      expect({ coordinate, same: resolverOf(coordinate) === wrapped.get(coordinate) }).toEqual({ coordinate, same: true });
    }
  });

  it('answers what the wrapper answers', async () => {
    const info = {} as GraphQLResolveInfo;
    const cases: Array<[string, unknown, unknown]> = [
      ['Paper.id', PAPER, toGlobalId('Paper', PAPER.id)],
      ['Paper.arxivId', PAPER, PAPER.id],
      ['Paper.day', PAPER, { date: PAPER.dayDate }],
      ['Day.id', { date: PAPER.dayDate }, toGlobalId('Day', '2024-07-25')],
    ];
    for (const [coordinate, root, expected] of cases) {
      const direct = await resolverOf(coordinate)(root, {}, {}, info);
      const viaWrapper = await wrapped.get(coordinate)!(root, {}, {}, info);
      expect({ coordinate, direct, viaWrapper }).toEqual({ coordinate, direct: expected, viaWrapper: expected });
    }
  });
});

describe('plain fields read as properties', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildSchema({ pubSub: createInProcessPubSub() });
  });
  const fieldOf = (coordinate: string) => {
    const [type, field] = coordinate.split('.');
    return assertObjectType(schema.getType(type)).getFields()[field];
  };

  it('leaves fields without a @FieldResolver with no resolver (Author.id: AuthorNode carries it), so compiled queries read the property inline', () => {
    for (const coordinate of ['Paper.title', 'Paper.githubStars', 'Author.name', 'Author.id', 'Day.date', 'PaperConnection.nodes', 'PageInfo.endCursor']) {
      expect({ coordinate, resolver: typeof fieldOf(coordinate).resolve }).toEqual({ coordinate, resolver: 'undefined' });
    }
  });

  it('keeps a resolver where the value is a promise (a lazy count) and where a @FieldResolver computes it', () => {
    for (const coordinate of ['PaperConnection.totalCount', 'AuthorConnection.totalCount', 'Paper.id', 'Paper.authors']) {
      expect({ coordinate, resolver: typeof fieldOf(coordinate).resolve }).toEqual({ coordinate, resolver: 'function' });
    }
  });
});

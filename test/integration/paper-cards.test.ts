import {
  assertObjectType,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { Viewer } from '../../src/context';
import type { Db } from '../../src/db/client';
import { createInProcessPubSub } from '../../src/pubsub/in-process-pubsub';
import { buildSchema } from '../../src/schema/build-schema';
import { CARD_FIELDS } from '../../src/schema/paper/paper.connection';
import { createExecutor, type Executor } from '../support/execute';
import { ENGINES } from '../support/services';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// A page of papers whose nodes select only fields in CARD_FIELDS reads a list's columns
// (PaperCard), not whole records. Here every Paper field of the schema is selected on its own,
// on a day's page and on an author's: a card field must answer exactly what it answers when the
// page reads every column, and any other field must make the page read every column. A field
// added to the schema later is covered without touching this test.

const DAY = '2025-10-13';

async function seed(db: Db): Promise<{ authorId: number; viewer: Viewer }> {
  const { prisma } = db;
  const user = await prisma.user.create({ data: { handle: 'reader' } });
  await prisma.day.create({ data: { date: new Date(DAY) } });
  // Every column set (and a withdrawn paper, a paper without code): a column a card lacks
  // would read as null or undefined instead of its value.
  await prisma.paper.createMany({
    data: [0, 1, 2].map((i) => ({
      id: `2510.0000${i}`,
      title: `Paper ${i}`,
      abstract: `Abstract ${i}.`,
      publishedAt: new Date(`2025-10-0${i + 1}T12:00:00Z`),
      dayDate: new Date(DAY),
      importedUpvoteCount: 10 * i,
      githubRepo: i === 2 ? null : `https://github.com/lab/repo-${i}`,
      githubStars: i === 2 ? null : 100 + i,
      projectPage: `https://lab.example/p${i}`,
      thumbnailUrl: `https://lab.example/p${i}.png`,
      mediaUrls: [`https://lab.example/p${i}.mp4`],
      aiSummary: `Summary ${i}.`,
      aiKeywords: ['attention', `k${i}`],
      numComments: i + 3,
      withdrawnAt: i === 1 ? new Date('2025-10-20T00:00:00Z') : null,
      submittedById: user.id,
      submittedAt: new Date('2025-10-12T08:00:00Z'),
    })),
  });
  const author = await prisma.author.create({ data: { name: 'Ann Lee', handle: 'annlee', matchKey: 'name:Ann Lee' } });
  const other = await prisma.author.create({ data: { name: 'Bo Chen', matchKey: 'name:Bo Chen' } });
  await prisma.paperAuthor.createMany({
    data: [0, 1, 2].flatMap((i) => [
      { paperId: `2510.0000${i}`, authorId: author.id, position: 0 },
      { paperId: `2510.0000${i}`, authorId: other.id, position: 1, hidden: i === 1 },
    ]),
  });
  await prisma.upvote.create({ data: { paperId: '2510.00001', userId: user.id } });
  return { authorId: author.id, viewer: { userId: user.id, handle: user.handle, scopes: ['read'] } };
}

/** An object type's leaf fields that need no argument. */
const leavesOf = (object: GraphQLObjectType) =>
  Object.values(object.getFields())
    .filter((sub) => isLeafType(getNamedType(sub.type)) && !sub.args.some((arg) => isNonNullType(arg.type)))
    .map((sub) => sub.name)
    .join(' ');

/** A field's selection: leaves as they are, objects with their leaf fields, connections with their nodes' (arguments left to their defaults). */
function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return field.name;
  const object = assertObjectType(type);
  const nodes = object.getFields().nodes;
  const nodeType = nodes && getNamedType(nodes.type);
  if (nodeType && isObjectType(nodeType)) return `${field.name} { ${leavesOf(object)} nodes { ${leavesOf(nodeType)} } }`;
  return `${field.name} { ${leavesOf(object)} }`;
}

describe.each(ENGINES)('pages of paper cards on %s', (engine) => {
  let database: TestDatabase;
  let execute: Executor;
  let schema: GraphQLSchema;
  let authorGlobalId: string;
  let viewer: Viewer;
  let pageStatements: string[];
  let stopListening: () => void;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const seeded = await seed(database.db);
    viewer = seeded.viewer;
    authorGlobalId = Buffer.from(`Author:${seeded.authorId}`).toString('base64url');
    execute = await createExecutor(database.db);
    schema = await buildSchema({ pubSub: createInProcessPubSub() });
    stopListening = database.db.onStatement(({ sql }) => {
      if (/\/\*\s*papersOf(Days|Authors)\s*\*\//.test(sql)) pageStatements.push(sql);
    });
  });
  afterAll(async () => {
    stopListening();
    await execute.apollo.stop();
    await database.close();
  });

  const paperFields = () => Object.values(assertObjectType(schema.getType('Paper')).getFields());

  /** The page's nodes, and whether its statement read every column (the abstract is not in the card). */
  async function page(parent: 'day' | 'author', nodes: string) {
    pageStatements = [];
    const query =
      parent === 'day'
        ? `query Page($date: Date!) { day(date: $date) { papers(first: 10) { nodes { ${nodes} } } } }`
        : `query Page($id: ID!) { author(id: $id) { papers(first: 10) { nodes { ${nodes} } } } }`;
    const result = await execute(query, parent === 'day' ? { date: DAY } : { id: authorGlobalId }, viewer);
    expect(result.errors).toBeUndefined();
    expect(pageStatements).toHaveLength(1);
    const nodesRead = (parent === 'day' ? result.data.day : result.data.author).papers.nodes as Array<Record<string, unknown>>;
    return { nodes: nodesRead, allColumns: pageStatements[0].includes('p.abstract') };
  }

  it('lists the fields a card answers among the schema’s Paper fields', () => {
    const names = new Set(paperFields().map((field) => field.name));
    expect([...CARD_FIELDS].filter((name) => name !== '__typename' && !names.has(name))).toEqual([]);
  });

  it.each(['day', 'author'] as const)('answers every card field as the whole record does (%s page)', async (parent) => {
    for (const field of paperFields().filter((f) => CARD_FIELDS.has(f.name))) {
      const selection = selectionOf(field);
      const card = await page(parent, `id ${selection}`);
      // Selecting the abstract too makes the same page read every column.
      const whole = await page(parent, `id ${selection} abstract`);
      expect({ field: field.name, allColumns: card.allColumns }).toEqual({ field: field.name, allColumns: false });
      expect({ field: field.name, allColumns: whole.allColumns }).toEqual({ field: field.name, allColumns: true });
      expect({ field: field.name, nodes: card.nodes }).toEqual({
        field: field.name,
        nodes: whole.nodes.map(({ abstract: _abstract, ...rest }) => rest),
      });
      expect(card.nodes).toHaveLength(3);
    }
  });

  it('reads every column when any other field is selected, alone or with card fields', async () => {
    const others = paperFields().filter((f) => !CARD_FIELDS.has(f.name));
    expect(others.map((f) => f.name)).toEqual(expect.arrayContaining(['abstract', 'mediaUrls', 'createdAt', 'submittedBy']));
    for (const field of others) {
      const alone = await page('day', selectionOf(field));
      const mixed = await page('author', `id title authors { name } ${selectionOf(field)}`);
      expect({ field: field.name, alone: alone.allColumns, mixed: mixed.allColumns }).toEqual({ field: field.name, alone: true, mixed: true });
      expect(alone.nodes.every((node) => node[field.name] !== undefined)).toBe(true);
    }
  });

  it('sees fields through fragments and edges', async () => {
    pageStatements = [];
    const result = await execute(
      `query Page($date: Date!) { day(date: $date) { papers(first: 10) { edges { node { ...Card ... on Paper { aiSummary } } } } } }
       fragment Card on Paper { id title }`,
      { date: DAY },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.day.papers.edges.map((edge: { node: { aiSummary: string } }) => edge.node.aiSummary)).toEqual([
      'Summary 2.',
      'Summary 1.',
      'Summary 0.',
    ]);
    expect(pageStatements.map((sql) => sql.includes('p.abstract'))).toEqual([true]);
  });
});

import type { Viewer } from '../../src/context';
import { toGlobalId } from '../../src/lib/global-id';
import { createExecutor, type Executor } from '../support/execute';
import { createUserWithToken } from '../support/identity-seed';
import { ENGINES } from '../support/services';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const SUBMIT = `mutation ($input: SubmitPaperInput!) {
  submitPaper(input: $input) { clientMutationId paper { id arxivId title publishedAt day { date } upvoteCount viewerHasUpvoted authors { name } submittedBy { handle } } }
}`;
const UPDATE = `mutation ($input: UpdatePaperInput!) { updatePaper(input: $input) { clientMutationId paper { arxivId } } }`;

type Submitted = {
  submitPaper: {
    clientMutationId: string | null;
    paper: {
      id: string;
      arxivId: string;
      title: string;
      publishedAt: string | null;
      day: { date: string };
      upvoteCount: number;
      viewerHasUpvoted: boolean;
      authors: Array<{ name: string }>;
      submittedBy: { handle: string } | null;
    };
  };
};
type Updated = { updatePaper: { clientMutationId: string | null; paper: { arxivId: string } } };

const valid = (arxivId: string) => ({
  arxivId,
  title: '  Attention Is Still All You Need  ',
  abstract: 'We revisit attention.',
  authors: ['Ada Lovelace', 'Alan Turing'],
  publishedAt: '2025-01-14T10:00:00.000Z',
  day: '2025-01-15',
  githubRepo: 'https://github.com/example/attention',
  projectPage: null,
});

describe.each(ENGINES)('submitPaper and updatePaper on %s', (engine) => {
  let database: TestDatabase;
  let execute: Executor;
  let submitter: Viewer;
  let other: Viewer;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    execute = await createExecutor(database.db);
    submitter = (await createUserWithToken(database.db, 'submitter')).viewer;
    other = (await createUserWithToken(database.db, 'other')).viewer;
  });
  afterAll(async () => {
    await execute.apollo.stop();
    await database.close();
  });

  it('records the paper with its submitter, byline and day', async () => {
    const result = (await execute<Submitted>(SUBMIT, { input: { ...valid('2501.20001v2'), clientMutationId: 'c1' } }, submitter)).expectData();
    expect(JSON.parse(JSON.stringify(result.submitPaper))).toEqual({
      clientMutationId: 'c1',
      paper: {
        id: toGlobalId('Paper', '2501.20001'),
        arxivId: '2501.20001',
        title: 'Attention Is Still All You Need',
        publishedAt: '2025-01-14T10:00:00.000Z',
        day: { date: '2025-01-15' },
        upvoteCount: 0,
        viewerHasUpvoted: false,
        authors: [{ name: 'Ada Lovelace' }, { name: 'Alan Turing' }],
        submittedBy: { handle: submitter.handle },
      },
    });
    const row = await database.db.prisma.paper.findUniqueOrThrow({ where: { id: '2501.20001' } });
    expect(row.submittedById).toBe(submitter.userId);
    expect(row.submittedAt).toBeInstanceOf(Date);
  });

  it('joins submitted authors to the Author rows the importer matches by name', async () => {
    const existing = await database.db.prisma.author.create({ data: { name: 'Grace Hopper', matchKey: 'name:Grace Hopper' } });
    await execute(SUBMIT, { input: { ...valid('2501.20002'), authors: ['Grace Hopper', 'Ada Lovelace'] } }, submitter);
    const byline = await database.db.prisma.paperAuthor.findMany({ where: { paperId: '2501.20002' }, orderBy: { position: 'asc' }, include: { author: true } });
    expect(byline.map((link) => link.authorId)[0]).toBe(existing.id);
    const ada = await database.db.prisma.author.findMany({ where: { name: 'Ada Lovelace' } });
    expect(ada).toHaveLength(1);
    expect(byline[1].authorId).toBe(ada[0].id);
  });

  it('answers an existing arXiv id with CONFLICT pointing at the paper, writing nothing', async () => {
    const before = await database.db.prisma.paperAuthor.count();
    const conflict = (await execute(SUBMIT, { input: { ...valid('2501.20001'), title: 'Another title' } }, other)).expectError('CONFLICT');
    expect(conflict.extensions).toMatchObject({ existingId: toGlobalId('Paper', '2501.20001') });
    expect((await database.db.prisma.paper.findUniqueOrThrow({ where: { id: '2501.20001' } })).title).toBe('Attention Is Still All You Need');
    expect(await database.db.prisma.paperAuthor.count()).toBe(before);
  });

  it('turns a race between two submissions of the same id into one paper and one CONFLICT', async () => {
    const results = await Promise.all([submitter, other].map((viewer) => execute(SUBMIT, { input: valid('2501.20003') }, viewer)));
    const codes = results.map((result) => result.errors?.[0].extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    expect(await database.db.prisma.paperAuthor.count({ where: { paperId: '2501.20003' } })).toBe(2);
  });

  it.each([
    ['arxivId', { arxivId: '12345' }],
    ['title', { title: '   ' }],
    ['title', { title: 'x'.repeat(501) }],
    ['abstract', { abstract: '' }],
    ['authors', { authors: [] }],
    ['authors[1]', { authors: ['Ada', ' '] }],
    ['githubRepo', { githubRepo: 'javascript:alert(1)' }],
    ['githubRepo', { githubRepo: 'github.com/no-scheme' }],
    ['projectPage', { projectPage: 'ftp://example.org/' }],
    ['publishedAt', { publishedAt: '2999-01-01T00:00:00Z' }],
    ['day', { day: '2999-01-01' }],
  ])('refuses a bad %s with BAD_USER_INPUT naming it, writing nothing', async (field, change) => {
    const before = await database.db.prisma.paper.count();
    (await execute(SUBMIT, { input: { ...valid('2501.20009'), ...change } }, submitter)).expectError('BAD_USER_INPUT', field);
    expect(await database.db.prisma.paper.count()).toBe(before);
  });

  it('needs a write token', async () => {
    (await execute(SUBMIT, { input: valid('2501.20010') }, null)).expectError('UNAUTHENTICATED');
    const reader = { ...other, scopes: ['read'] };
    (await execute(SUBMIT, { input: valid('2501.20010') }, reader)).expectError('FORBIDDEN');
  });

  it('lets only the submitter change links; omitted fields stay, null removes', async () => {
    (await execute(UPDATE, { input: { paperId: '2501.20001', projectPage: 'https://evil.example' } }, other)).expectError('FORBIDDEN');
    const input = { paperId: toGlobalId('Paper', '2501.20001'), projectPage: 'https://attention.example/', clientMutationId: 'u1' };
    const updated = (await execute<Updated>(UPDATE, { input }, submitter)).expectData();
    expect(updated.updatePaper).toEqual({ clientMutationId: 'u1', paper: { arxivId: '2501.20001' } });
    let row = await database.db.prisma.paper.findUniqueOrThrow({ where: { id: '2501.20001' } });
    expect([row.githubRepo, row.projectPage]).toEqual(['https://github.com/example/attention', 'https://attention.example/']);
    await execute(UPDATE, { input: { paperId: '2501.20001', githubRepo: null } }, submitter);
    row = await database.db.prisma.paper.findUniqueOrThrow({ where: { id: '2501.20001' } });
    expect([row.githubRepo, row.projectPage]).toEqual([null, 'https://attention.example/']);
    (await execute(UPDATE, { input: { paperId: '2501.20001', githubRepo: 'file:///etc/passwd' } }, submitter)).expectError('BAD_USER_INPUT', 'githubRepo');
    (await execute(UPDATE, { input: { paperId: '2501.29999', githubRepo: null } }, submitter)).expectError('NOT_FOUND');
  });
});

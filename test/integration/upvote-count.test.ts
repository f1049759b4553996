import { ENGINES } from '../support/services';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// upvote_count = imported_upvote_count + count(upvotes) is kept by triggers in the database.
describe.each(ENGINES)('the upvote count invariant on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database.close());

  it('starts at the imported baseline, follows upvotes, and keeps local votes when the baseline moves', async () => {
    const { prisma } = database.db;
    await prisma.day.create({ data: { date: new Date('2025-12-11') } });
    await prisma.paper.create({
      data: { id: '2407.18232', title: 'LION', abstract: 'x', dayDate: new Date('2025-12-11'), importedUpvoteCount: 7, upvoteCount: 999 },
    });
    const count = async () => (await prisma.paper.findUniqueOrThrow({ where: { id: '2407.18232' } })).upvoteCount;
    expect(await count()).toBe(7);

    const users = await Promise.all(['a', 'b', 'c'].map((handle) => prisma.user.create({ data: { handle } })));
    for (const user of users) await prisma.upvote.create({ data: { userId: user.id, paperId: '2407.18232' } });
    expect(await count()).toBe(10);

    await prisma.upvote.delete({ where: { userId_paperId: { userId: users[0].id, paperId: '2407.18232' } } });
    expect(await count()).toBe(9);

    await prisma.paper.update({ where: { id: '2407.18232' }, data: { importedUpvoteCount: 20 } });
    expect(await count()).toBe(22);
  });
});

import { randomBytes } from 'node:crypto';
import { createUserWithToken } from '../support/identity-seed';
import { seedPapers } from '../support/seed';
import { postGraphQL } from '../support/graphql-client';
import { describeWithPostgres, describeWithRedis, TEST_REDIS_URL } from '../support/services';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { eventually, subscribe } from '../support/ws-subscriber';

const UPVOTE = `mutation ($id: ID!) { upvotePaper(input: { paperId: $id }) { paper { upvoteCount } } }`;
const ON_UPVOTE = `subscription ($id: ID) { paperUpvoted(paperId: $id) { upvoteCount paper { arxivId upvoteCount } } }`;

// Two app instances share one PostgreSQL database and one Redis, as two replicas behind a load
// balancer would. A unique channel prefix keeps parallel test files apart on the shared Redis.
describeWithPostgres('two instances sharing PostgreSQL', () => {
  describeWithRedis('and Redis', () => {
    let database: TestDatabase;
    let a: TestServer;
    let b: TestServer;
    beforeAll(async () => {
      database = await createTestDatabase('postgres');
      const env = { REDIS_URL: TEST_REDIS_URL!, REDIS_CHANNEL_PREFIX: `test-${randomBytes(4).toString('hex')}` };
      a = await startTestServer({ database, env });
      b = await startTestServer({ database, env });
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await database?.close();
    });

    it('delivers an upvote made on A to subscribers on B (and on A), each exactly once', async () => {
      const [paper] = await seedPapers(database.db, 1, { baseline: 10 });
      const user = await createUserWithToken(database.db, 'replica');
      const onB = await subscribe(b.url, ON_UPVOTE, { id: paper });
      const onA = await subscribe(a.url, ON_UPVOTE, {});
      const upvote = await postGraphQL(a.url, UPVOTE, { id: paper }, { authorization: user.authorization });
      expect(upvote.expectData().upvotePaper.paper.upvoteCount).toBe(11);
      const [fromB] = await onB.waitFor(1);
      expect(fromB.paperUpvoted).toEqual({ upvoteCount: 11, paper: { arxivId: paper, upvoteCount: 11 } });
      expect((await onA.waitFor(1))[0].paperUpvoted.upvoteCount).toBe(11);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect([onA.events.length, onB.events.length]).toEqual([1, 1]);
      await Promise.all([onA.close(), onB.close()]);
      await eventually(() => a.app.websocket.activeSubscriptions() === 0 && b.app.websocket.activeSubscriptions() === 0);
      expect([a.app.pubsub.stats().subscribers, b.app.pubsub.stats().subscribers]).toEqual([0, 0]);
    });

    it('keeps counts exact when both instances take concurrent upvotes for the same paper', async () => {
      const [paper] = await seedPapers(database.db, 1, { first: 20000, baseline: 0 });
      const users = await Promise.all(Array.from({ length: 40 }, (_, i) => createUserWithToken(database.db, `both${i}`)));
      const watcher = await subscribe(b.url, ON_UPVOTE, { id: paper });
      await Promise.all(users.map((user, i) => postGraphQL((i % 2 ? a : b).url, UPVOTE, { id: paper }, { authorization: user.authorization })));
      const events = await watcher.waitFor(40);
      expect(events.map((event) => event.paperUpvoted.upvoteCount).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(events.at(-1)!.paperUpvoted.paper.upvoteCount).toBe(40);
      await watcher.close();
    });

    it("clears B's response cache when A takes an upvote, so B's anonymous readers see it", async () => {
      const [paper] = await seedPapers(database.db, 1, { first: 30000, baseline: 2 });
      const user = await createUserWithToken(database.db, 'cached');
      const read = async () => (await postGraphQL(b.url, `{ paper(id: "${paper}") { upvoteCount } }`)).expectData().paper.upvoteCount;
      expect(await read()).toBe(2);
      // B now holds the answer: a change behind its back is not seen...
      await database.db.prisma.paper.update({ where: { id: paper }, data: { importedUpvoteCount: 3 } });
      expect(await read()).toBe(2);
      // ...until an upvote on A reaches B through Redis.
      await postGraphQL(a.url, UPVOTE, { id: paper }, { authorization: user.authorization });
      const deadline = Date.now() + 5000;
      let seen = await read();
      while (seen !== 4 && Date.now() < deadline) seen = await read();
      expect(seen).toBe(4);
    });
  });
});

import type { Db } from '../../src/db/client';
import { pruneWebhookDeliveries } from '../../src/db/queries/webhook-queue';
import { paper, seedPapers } from '../support/seed';
import { createUserWithToken } from '../support/identity-seed';
import { ENGINES } from '../support/services';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The outbox: every change that causes a webhook event writes it in its own transaction, once,
// through every writer (the importer's bulk SQL included), with a delivery for each active
// webhook that subscribed to it.

describe.each(ENGINES)('the webhook outbox on %s', (engine) => {
  let database: TestDatabase;
  let db: Db;
  let webhooks: { all: number; inactive: number; digestOnly: number };
  // One database per engine (migrating one costs seconds); each test uses days, papers and periods
  // of its own and starts from an empty outbox.
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    db = database.db;
    const { user } = await createUserWithToken(db, 'outbox');
    const create = (events: string[], active = true) =>
      db.prisma.webhook
        .create({ data: { ownerId: user.id, url: 'https://hooks.example.org/', events, secret: 'whsec_0123456789abcdef', active } })
        .then((w) => w.id);
    const everything = ['day.published', 'paper.submitted', 'paper.upvotes_crossed', 'digest.sent'];
    webhooks = { all: await create(everything), inactive: await create(everything, false), digestOnly: await create(['digest.sent']) };
  });
  beforeEach(() => db.prisma.webhookEvent.deleteMany());
  afterAll(() => database.close());

  const events = async () =>
    (await db.prisma.webhookEvent.findMany({ orderBy: { id: 'asc' } })).map((event) => ({
      type: event.type,
      data: JSON.parse(event.payload) as Record<string, unknown>,
    }));
  const deliveredTo = async (webhookId: number) =>
    (await db.prisma.webhookDelivery.findMany({ where: { webhookId }, orderBy: { id: 'asc' }, include: { event: true } })).map(
      (delivery) => delivery.event.type,
    );

  it('writes one day.published per new day from a bulk import, and nothing when the days exist', async () => {
    await seedPapers(db, [
      paper('2501.30001', '2025-03-01', 0, 'One', ['A']),
      paper('2501.30002', '2025-03-01', 0, 'Two', ['B']),
      paper('2501.30003', '2025-03-02', 0, 'Three', ['C']),
    ]);
    expect(await events()).toEqual([
      { type: 'day.published', data: { date: '2025-03-01' } },
      { type: 'day.published', data: { date: '2025-03-02' } },
    ]);
    await seedPapers(db, [paper('2501.30001', '2025-03-01', 3, 'One, again', ['A']), paper('2501.30004', '2025-03-02', 0, 'Four', ['D'])]);
    expect(await events()).toHaveLength(2);
    expect(await deliveredTo(webhooks.all)).toEqual(['day.published', 'day.published']);
    expect(await deliveredTo(webhooks.inactive)).toEqual([]);
    expect(await deliveredTo(webhooks.digestOnly)).toEqual([]);
  });

  it('writes paper.upvotes_crossed once per paper and threshold, from local upvotes and re-imports alike', async () => {
    await seedPapers(db, [paper('2501.30010', '2025-03-03', 9, 'Nine votes', ['A'])]);
    const voter = await createUserWithToken(db, 'voter');
    await db.prisma.upvote.create({ data: { userId: voter.user.id, paperId: '2501.30010' } });
    await db.prisma.upvote.delete({ where: { userId_paperId: { userId: voter.user.id, paperId: '2501.30010' } } });
    await db.prisma.upvote.create({ data: { userId: voter.user.id, paperId: '2501.30010' } });
    const crossed = async () => (await events()).filter((event) => event.type === 'paper.upvotes_crossed').map((event) => event.data);
    expect(await crossed()).toEqual([{ paperId: '2501.30010', title: 'Nine votes', threshold: 10, upvoteCount: 10 }]);

    // The Hub now reports 120: 121 with the local vote, past 50 and 100 in one update.
    await seedPapers(db, [paper('2501.30010', '2025-03-03', 120, 'Nine votes', ['A'])]);
    expect(await crossed()).toEqual([
      { paperId: '2501.30010', title: 'Nine votes', threshold: 10, upvoteCount: 10 },
      { paperId: '2501.30010', title: 'Nine votes', threshold: 50, upvoteCount: 121 },
      { paperId: '2501.30010', title: 'Nine votes', threshold: 100, upvoteCount: 121 },
    ]);
  });

  it('writes digest.sent once per period, when its first message is marked sent', async () => {
    const subscriptions = await Promise.all(
      ['a@example.org', 'b@example.org'].map((email) => db.prisma.digestSubscription.create({ data: { email, frequency: 'DAILY', status: 'confirmed' } })),
    );
    for (const periodKey of ['daily:2025-03-04', 'daily:2025-03-05']) {
      for (const subscription of subscriptions) {
        const delivery = await db.prisma.digestDelivery.create({ data: { subscriptionId: subscription.id, frequency: 'DAILY', periodKey } });
        await db.prisma.digestDelivery.update({ where: { id: delivery.id }, data: { status: 'sent', sentAt: new Date() } });
      }
    }
    expect(await events()).toEqual([
      { type: 'digest.sent', data: { period: 'daily:2025-03-04', frequency: 'daily' } },
      { type: 'digest.sent', data: { period: 'daily:2025-03-05', frequency: 'daily' } },
    ]);
    expect(await deliveredTo(webhooks.digestOnly)).toEqual(['digest.sent', 'digest.sent']);
  });

  it('leaves no event behind a change that rolled back', async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO days (date) VALUES ('2025-03-06'::date)`;
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await events()).toEqual([]);
    expect(await db.prisma.webhookDelivery.count()).toBe(0);
  });

  it('prunes finished deliveries past the retention, keeping pending ones and the events', async () => {
    await seedPapers(db, [paper('2501.30020', '2025-03-07', 0, 'Pruned', ['A'])]);
    const [delivery] = await db.prisma.webhookDelivery.findMany({ where: { webhookId: webhooks.all } });
    await db.prisma.webhookDelivery.create({ data: { webhookId: webhooks.digestOnly, eventId: delivery.eventId } });
    await db.prisma.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'delivered', finishedAt: new Date(Date.now() - 31 * 86_400_000) } });
    expect(await pruneWebhookDeliveries(db, 30)).toBe(1);
    expect(await db.prisma.webhookDelivery.findMany({ select: { webhookId: true, status: true } })).toEqual([
      { webhookId: webhooks.digestOnly, status: 'pending' },
    ]);
    expect(await events()).toHaveLength(1);
  });
});

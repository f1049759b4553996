import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMailTransport, type MailTransport } from '../../src/digest/deliver';
import { CLAIM_LEASE_MS, claimDelivery } from '../../src/digest/ledger';
import { parseDay as parseIsoDate } from '../../src/lib/day';
import { runDigest, type DigestRunDeps } from '../../src/digest/run-digest';
import { createLogger } from '../../src/observability/logger';
import { DigestSubscriptionService, unconfiguredMailer } from '../../src/services/digest-subscription.service';
import { createRequestContext } from '../../src/context';
import { createInProcessPubSub } from '../../src/pubsub/in-process-pubsub';
import { createServices } from '../../src/services';
import { PUBLIC_BASE_URL, smtpTransport, tokenIn, UNSUBSCRIBE_TOKEN } from '../support/digest-fixtures';
import { paper, seedPapers } from '../support/seed';
import { ENGINES } from '../support/services';
import { parseMail, startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { countStatements } from '../support/statements';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const THURSDAY = parseIsoDate('2025-12-11')!;

describe.each(ENGINES)('digest sender on %s', (engine) => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let transport: MailTransport;
  let deps: DigestRunDeps;

  const subscriber = (email: string, frequency: string, status: string) =>
    database.db.prisma.digestSubscription.create({ data: { email, frequency, status, confirmedAt: status === 'confirmed' ? new Date() : null } });
  const mailsTo = (email: string) => sink.messages.filter((m) => m.to.includes(email));
  const ledger = (email: string, periodKey: string) => database.db.prisma.digestDelivery.findFirst({ where: { periodKey, subscription: { email } } });

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    sink = await startSmtpSink();
    transport = smtpTransport(sink.url);
    deps = { db: database.db, transport, publicBaseUrl: PUBLIC_BASE_URL, topN: 3 };
    await seedPapers(database.db, [
      paper('2512.00001', '2025-12-11', 5, 'Small but honest', ['Ada One']),
      paper('2512.00002', '2025-12-11', 30, 'Attention <is> "all" & more', ['Bo Two', 'Cy Three'], 'https://github.com/example/attn'),
      paper('2512.00003', '2025-12-11', 12, 'Tied A', ['Di Four']),
      paper('2512.00000', '2025-12-11', 12, 'Tied B, lower id first', ['Ed Five']),
      paper('2512.00004', '2025-12-11', 1, 'Below the top 3', ['Fa Six']),
      paper('2512.00005', '2025-12-08', 100, 'Monday of the same week', ['Gi Seven']),
      paper('2512.00006', '2025-12-15', 500, 'Next week', ['Ha Eight']),
    ]);
    await subscriber('alice@example.org', 'DAILY', 'confirmed');
    await subscriber('bob@example.org', 'DAILY', 'confirmed');
    await subscriber('carol@example.org', 'DAILY', 'unsubscribed');
    await subscriber('dave@example.org', 'DAILY', 'pending');
    await subscriber('erin@example.org', 'WEEKLY', 'confirmed');
  });
  afterAll(async () => {
    transport.close();
    await sink.close();
    await database.close();
  });

  it('sends the top papers in order to confirmed daily subscribers; a refused recipient is reported and does not stop the others', async () => {
    sink.rejected.add('bob@example.org');
    const summary = await runDigest(deps, { frequency: 'DAILY', date: THURSDAY });
    expect(summary).toMatchObject({ sent: 1, skipped: 0, failed: 1, recipients: 2, papers: 3 });
    expect(summary.period.key).toBe('daily:2025-12-11');
    expect(summary.failures).toEqual([{ email: 'bob@example.org', error: expect.stringContaining('550') }]);
    expect(sink.messages.map((m) => m.to)).toEqual([['alice@example.org']]);

    const [mail] = mailsTo('alice@example.org');
    expect(mail.contentType).toMatch(/^multipart\/alternative/);
    expect(mail.subject).toBe('Top papers, Thursday, 11 December 2025');
    const titles = [...mail.text.matchAll(/^\d+\. (.+)$/gm)].map((m) => m[1]);
    expect(titles).toEqual(['Attention <is> "all" & more', 'Tied B, lower id first', 'Tied A']);
    expect(mail.text).toContain(
      '   Bo Two, Cy Three\n   30 upvotes\n   Paper: http://papers.test/papers/2512.00002\n   arXiv: https://arxiv.org/abs/2512.00002\n   Code:  https://github.com/example/attn\n',
    );
    expect(mail.html).toContain('<strong>Attention &lt;is&gt; &quot;all&quot; &amp; more</strong>');
    expect(mail.html).not.toContain('<is>');
    const token = tokenIn(mail.text, UNSUBSCRIBE_TOKEN);
    expect(mail.headers.get('list-unsubscribe')).toBe(`<${PUBLIC_BASE_URL}/digest/unsubscribe?token=${token}>`);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.html).toContain(`/digest/unsubscribe?token=${token}`);
    expect(await ledger('bob@example.org', 'daily:2025-12-11')).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('550') });
  });

  it('a second run for the period sends nothing new and retries the failure until it goes through', async () => {
    const again = await runDigest(deps, { frequency: 'DAILY', date: THURSDAY });
    expect(again).toMatchObject({ sent: 0, skipped: 1, failed: 1 });
    expect(sink.messages).toHaveLength(1);
    expect(await ledger('bob@example.org', 'daily:2025-12-11')).toMatchObject({ status: 'failed', attempts: 2 });

    sink.rejected.delete('bob@example.org');
    const retried = await runDigest(deps, { frequency: 'DAILY', date: THURSDAY });
    expect(retried).toMatchObject({ sent: 1, skipped: 1, failed: 0 });
    expect(mailsTo('bob@example.org')).toHaveLength(1);
    expect(await ledger('bob@example.org', 'daily:2025-12-11')).toMatchObject({ status: 'sent', attempts: 3, lastError: null });

    const done = await runDigest(deps, { frequency: 'DAILY', date: THURSDAY });
    expect(done).toMatchObject({ sent: 0, skipped: 2, failed: 0 });
    expect(sink.messages).toHaveLength(2);
  });

  it('never mails unsubscribed or unconfirmed addresses', async () => {
    // Its own run, for a day no other test sends (so it proves something when run alone too):
    // the two confirmed daily subscribers get it, the unsubscribed and the pending one do not.
    await seedPapers(database.db, [paper('2512.00007', '2025-12-22', 3, 'A Monday paper', ['Ib Nine'])]);
    const before = sink.messages.length;
    const summary = await runDigest(deps, { frequency: 'DAILY', date: parseIsoDate('2025-12-22')! });
    expect(summary).toMatchObject({ sent: 2, failed: 0, recipients: 2 });
    const recipients = sink.messages
      .slice(before)
      .flatMap((mail) => mail.to)
      .sort();
    expect(recipients).toEqual(['alice@example.org', 'bob@example.org']);
    expect(mailsTo('carol@example.org')).toEqual([]);
    expect(mailsTo('dave@example.org')).toEqual([]);
    // erin is confirmed but weekly: no daily digest.
    expect(mailsTo('erin@example.org')).toEqual([]);
  });

  it('the unsubscribe link of a digest works without login, and later periods skip the address', async () => {
    const token = tokenIn(mailsTo('alice@example.org')[0].text, UNSUBSCRIBE_TOKEN);
    const log = createLogger('silent');
    const service = new DigestSubscriptionService({ db: database.db, log, mailer: unconfiguredMailer });
    const ctx = createRequestContext(
      { db: database.db, log, services: createServices({ db: database.db, log, pubsub: createInProcessPubSub() }) },
      { requestId: 'r', viewer: null, clientAddress: '127.0.0.1' },
    );
    await expect(service.unsubscribe(ctx, token)).resolves.toMatchObject({ email: 'alice@example.org', status: 'unsubscribed' });
    await expect(service.unsubscribe(ctx, token)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'token' } });

    const aliceBefore = mailsTo('alice@example.org').length;
    const friday = await runDigest(deps, { frequency: 'DAILY', date: parseIsoDate('2025-12-08')! });
    expect(friday).toMatchObject({ sent: 1, failed: 0, recipients: 1 });
    expect(sink.messages.at(-1)?.to).toEqual(['bob@example.org']);
    expect(mailsTo('alice@example.org')).toHaveLength(aliceBefore);
  });

  it('weekly subscribers get the ISO week, Monday to Sunday', async () => {
    const summary = await runDigest(deps, { frequency: 'WEEKLY', date: THURSDAY });
    expect(summary).toMatchObject({ sent: 1, skipped: 0, failed: 0 });
    expect(summary.period.key).toBe('weekly:2025-W50');
    const [mail] = mailsTo('erin@example.org');
    expect([...mail.text.matchAll(/^\d+\. (.+)$/gm)].map((m) => m[1])).toEqual([
      'Monday of the same week',
      'Attention <is> "all" & more',
      'Tied B, lower id first',
    ]);
    expect(mail.subject).toBe('Top papers, week 50 of 2025 (8 December – 14 December)');
  });

  it('takes over a delivery abandoned by a crashed run only after the lease', async () => {
    const period = 'daily:2025-12-11';
    const bob = await ledger('bob@example.org', period);
    await database.db.prisma.digestDelivery.update({ where: { id: bob!.id }, data: { status: 'sending', claimedAt: new Date() } });
    const fresh = await runDigest(deps, { frequency: 'DAILY', date: THURSDAY });
    expect(fresh).toMatchObject({ sent: 0, skipped: 1 });
    await database.db.prisma.digestDelivery.update({ where: { id: bob!.id }, data: { claimedAt: new Date(Date.now() - CLAIM_LEASE_MS - 1000) } });
    const before = mailsTo('bob@example.org').length;
    const recovered = await runDigest(deps, { frequency: 'DAILY', date: THURSDAY });
    expect(recovered).toMatchObject({ sent: 1, skipped: 0 });
    expect(mailsTo('bob@example.org')).toHaveLength(before + 1);
  });

  it('does not claim a delivery whose subscription was unsubscribed after the run listed it', async () => {
    const carol = await database.db.prisma.digestSubscription.findUniqueOrThrow({ where: { email: 'carol@example.org' } });
    const row = await database.db.prisma.digestDelivery.create({ data: { subscriptionId: carol.id, frequency: 'DAILY', periodKey: 'daily:2025-12-11' } });
    expect(await claimDelivery(database.db, row.id, new Uint8Array(32), new Date())).toBe(false);
    expect(await database.db.prisma.digestDelivery.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('a dry run sends nothing and records nothing', async () => {
    const before = { mails: sink.messages.length, rows: await database.db.prisma.digestDelivery.count() };
    const summary = await runDigest(deps, { frequency: 'DAILY', date: parseIsoDate('2025-12-15')!, dryRun: true });
    expect(summary).toMatchObject({ sent: 1, failed: 0, dryRun: true, period: expect.objectContaining({ key: 'daily:2025-12-15' }) });
    expect(sink.messages.length).toBe(before.mails);
    expect(await database.db.prisma.digestDelivery.count()).toBe(before.rows);
  });

  it('sends nothing for a period without papers, so a later import can still be sent', async () => {
    const summary = await runDigest(deps, { frequency: 'DAILY', date: parseIsoDate('2025-12-01')! });
    expect(summary).toMatchObject({ sent: 0, skipped: 1, papers: 0 });
    expect(await database.db.prisma.digestDelivery.count({ where: { periodKey: 'daily:2025-12-01' } })).toBe(0);
  });

  it('issues a constant number of statements per recipient, independent of the number of papers', async () => {
    const many = Array.from({ length: 40 }, (_, i) => paper(`2512.1${String(i).padStart(4, '0')}`, '2025-12-20', i, `Paper ${i}`, ['A', 'B', 'C']));
    await seedPapers(database.db, many);
    const run = async (topN: number) => {
      let sent = 0;
      const counted = await countStatements(database.db, async () => {
        sent = (await runDigest({ ...deps, topN }, { frequency: 'DAILY', date: parseIsoDate('2025-12-20')! })).sent;
      });
      return { ...counted, sent };
    };
    const three = await run(3);
    await database.db.prisma.digestDelivery.deleteMany({ where: { periodKey: 'daily:2025-12-20' } });
    const forty = await run(40);
    expect(forty.names).toEqual(three.names);
    expect(three.sent).toBeGreaterThan(0);
    // Subscriber count, papers, bylines (Prisma reads the join and the authors separately), one page
    // of recipients, ledger insert, ledger read, the empty next page; then claim + "sent" per recipient.
    expect(three.count).toBe(8 + 2 * three.sent);
  });

  it('without SMTP_URL writes each message as an .eml file into the outbox', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'digest-outbox-'));
    const outbox = createMailTransport({ from: 'Daily Papers <digest@papers.test>', outboxDir: dir });
    try {
      expect(outbox.description).toBe(`outbox ${dir}`);
      const summary = await runDigest({ ...deps, transport: outbox }, { frequency: 'WEEKLY', date: parseIsoDate('2025-12-20')! });
      expect(summary).toMatchObject({ sent: 1, failed: 0 });
      const files = await readdir(dir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      const mail = parseMail(await readFile(join(dir, files[0]), 'utf8'));
      expect(mail.headers.get('to')).toBe('erin@example.org');
      expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(mail.text).toContain('1. Next week\n');
      expect(mail.text).toContain('2. Paper 39\n');
    } finally {
      outbox.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

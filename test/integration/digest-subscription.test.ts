import { CONFIRMATION_RESEND_INTERVAL_MS, CONFIRMATION_TTL_MS } from '../../src/services/digest-subscription.service';
import type { MailTransport } from '../../src/digest/deliver';
import { CONFIRM_TOKEN, createDigestExecutor, smtpTransport, testClock, tokenIn, UNSUBSCRIBE_TOKEN } from '../support/digest-fixtures';
import { ENGINES } from '../support/services';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { countStatements } from '../support/statements';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const SUBSCRIBE = `mutation($email: String!, $frequency: DigestFrequency!) {
  subscribeToDigest(input: { email: $email, frequency: $frequency, clientMutationId: "c1" }) { email clientMutationId }
}`;
const CONFIRM = `mutation($token: String!) {
  confirmDigestSubscription(input: { token: $token }) { subscription { email frequency status confirmedAt } }
}`;
const UNSUBSCRIBE = `mutation($token: String!) {
  unsubscribeFromDigest(input: { token: $token }) { subscription { email status unsubscribedAt } }
}`;

// executeOperation hands back resolved values (Dates); compare what a client receives.
const json = (value: unknown) => JSON.parse(JSON.stringify(value));

describe.each(ENGINES)('digest subscriptions on %s', (engine) => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let transport: MailTransport;
  let clock: ReturnType<typeof testClock>;
  let execute: Awaited<ReturnType<typeof createDigestExecutor>>;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    sink = await startSmtpSink();
    transport = smtpTransport(sink.url);
    clock = testClock();
    execute = await createDigestExecutor(database.db, transport, clock.now);
  });
  afterAll(async () => {
    await execute.stop();
    transport.close();
    await sink.close();
    await database.close();
  });

  const mailsTo = (email: string) => sink.messages.filter((m) => m.to.includes(email));
  const subscribe = async (email: string, frequency = 'DAILY') => {
    const result = await execute(SUBSCRIBE, { email, frequency });
    await execute.service.whenIdle();
    return result;
  };
  const rowCount = () => database.db.prisma.digestSubscription.count();

  it('mails a confirmation link whose token confirms the normalised address, once', async () => {
    const result = await subscribe('  Ann.Lee@EXAMPLE.org ', 'WEEKLY');
    expect(result).toEqual({ data: { subscribeToDigest: { email: 'Ann.Lee@example.org', clientMutationId: 'c1' } } });
    const [mail] = mailsTo('Ann.Lee@example.org');
    expect(mail.subject).toBe('Confirm your weekly papers digest');
    expect(mail.contentType).toMatch(/^multipart\/alternative/);
    expect(mail.headers.get('list-unsubscribe')).toMatch(/^<http:\/\/papers\.test\/digest\/unsubscribe\?token=/);
    const token = tokenIn(mail.text, CONFIRM_TOKEN);
    expect(mail.html).toContain(`/digest/confirm?token=${token}`);

    const confirmed = await execute(CONFIRM, { token });
    expect(confirmed.errors).toBeUndefined();
    expect(json(confirmed.data.confirmDigestSubscription.subscription)).toEqual({
      email: 'Ann.Lee@example.org',
      frequency: 'WEEKLY',
      status: 'CONFIRMED',
      confirmedAt: clock.now().toISOString(),
    });
    const again = await execute(CONFIRM, { token });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'token' });
  });

  it.each([
    ['not-an-email', 'is not an email address'],
    ['a@b', 'invalid domain'],
    ['two@@example.org', 'invalid part before'],
    ['spaces in@example.org', 'invalid part before'],
    [`${'x'.repeat(64)}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.org`, 'longer than 254'],
    ['evil@example.org\r\nBcc: victim@example.org', 'invalid part before'],
  ])('refuses %j with BAD_USER_INPUT naming email, writing nothing', async (email, reason) => {
    const before = await rowCount();
    const sent = sink.messages.length;
    const result = await subscribe(email);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'email' });
    expect(result.errors?.[0].message).toContain(reason);
    expect(await rowCount()).toBe(before);
    expect(sink.messages.length).toBe(sent);
  });

  it('answers identically for new, pending, confirmed and unsubscribed addresses, with the same number of statements', async () => {
    await subscribe('known@example.org');
    const token = tokenIn(mailsTo('known@example.org')[0].text, CONFIRM_TOKEN);
    await execute(CONFIRM, { token });
    await subscribe('pending@example.org');
    await subscribe('gone@example.org');
    await execute(UNSUBSCRIBE, { token: tokenIn(mailsTo('gone@example.org')[0].text, UNSUBSCRIBE_TOKEN) });

    const answers: Array<{ data?: any; errors?: any[] }> = [];
    const statements: number[] = [];
    for (const email of ['fresh@example.org', 'known@example.org', 'pending@example.org', 'gone@example.org']) {
      const counted = await countStatements(database.db, async () => answers.push(await execute(SUBSCRIBE, { email, frequency: 'DAILY' })));
      statements.push(counted.count);
    }
    await execute.service.whenIdle();
    const masked = answers.map((a) => ({ ...a, data: { subscribeToDigest: { ...a.data.subscribeToDigest, email: '<masked>' } } }));
    expect(new Set(masked.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(new Set(statements).size).toBe(1);
  });

  it('answers before the SMTP server has accepted the confirmation (no timing difference from mail delivery)', async () => {
    const release = sink.hold();
    const received = sink.messages.length;
    try {
      const result = await execute(SUBSCRIBE, { email: 'slow@example.org', frequency: 'DAILY' });
      expect(result.data.subscribeToDigest.email).toBe('slow@example.org');
      expect(sink.messages.length).toBe(received);
    } finally {
      release();
    }
    await execute.service.whenIdle();
    expect(mailsTo('slow@example.org')).toHaveLength(1);
  });

  it('re-sends to a pending address at most once per 10 minutes, and the newest link replaces the old', async () => {
    await subscribe('again@example.org');
    await subscribe('again@example.org');
    expect(mailsTo('again@example.org')).toHaveLength(1);
    clock.advance(CONFIRMATION_RESEND_INTERVAL_MS - 1000);
    await subscribe('again@example.org');
    expect(mailsTo('again@example.org')).toHaveLength(1);
    clock.advance(2000);
    await subscribe('again@example.org', 'WEEKLY');
    const mails = mailsTo('again@example.org');
    expect(mails).toHaveLength(2);
    const [first, second] = mails.map((m) => tokenIn(m.text, CONFIRM_TOKEN));
    (await execute(CONFIRM, { token: first })).expectError('BAD_USER_INPUT', 'token');
    const confirmed = await execute(CONFIRM, { token: second });
    expect(confirmed.data.confirmDigestSubscription.subscription.frequency).toBe('WEEKLY');
  });

  it('refuses an expired confirmation token with the same error as an unknown one', async () => {
    await subscribe('late@example.org');
    const token = tokenIn(mailsTo('late@example.org')[0].text, CONFIRM_TOKEN);
    clock.advance(CONFIRMATION_TTL_MS + 1000);
    const expired = await execute(CONFIRM, { token });
    const unknown = await execute(CONFIRM, { token: 'A'.repeat(43) });
    const malformed = await execute(CONFIRM, { token: 'short' });
    for (const result of [expired, unknown, malformed]) {
      expect(result.data).toBeNull();
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'token' });
    }
    expect(expired.errors?.[0].message).toBe(unknown.errors?.[0].message);
    const row = await database.db.prisma.digestSubscription.findUniqueOrThrow({ where: { email: 'late@example.org' } });
    expect(row.status).toBe('pending');
  });

  it('unsubscribes without login from the link in the confirmation mail; the link then stops working', async () => {
    await subscribe('leaver@example.org');
    const token = tokenIn(mailsTo('leaver@example.org')[0].text, UNSUBSCRIBE_TOKEN);
    const result = await execute(UNSUBSCRIBE, { token });
    expect(json(result.data.unsubscribeFromDigest.subscription)).toEqual({
      email: 'leaver@example.org',
      status: 'UNSUBSCRIBED',
      unsubscribedAt: clock.now().toISOString(),
    });
    const again = await execute(UNSUBSCRIBE, { token });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'token' });
    const confirm = await execute(CONFIRM, { token: tokenIn(mailsTo('leaver@example.org')[0].text, CONFIRM_TOKEN) });
    confirm.expectError('BAD_USER_INPUT', 'token');
  });

  it('stores only hashes of tokens', async () => {
    await subscribe('hashes@example.org');
    const mail = mailsTo('hashes@example.org')[0];
    const row = await database.db.prisma.digestSubscription.findUniqueOrThrow({ where: { email: 'hashes@example.org' } });
    const stored = JSON.stringify(row, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64url') : v));
    expect(stored).not.toContain(tokenIn(mail.text, CONFIRM_TOKEN));
    expect(stored).not.toContain(tokenIn(mail.text, UNSUBSCRIBE_TOKEN));
    expect(row.confirmTokenHash).toHaveLength(32);
  });
});

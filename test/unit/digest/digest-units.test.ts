import { ConfigError } from '../../../src/config/config-error';
import { loadConfig } from '../../../src/config/load-config';
import { composeDigest, escapeHtml } from '../../../src/digest/compose';
import { DigestUsageError, parseDigestArgs } from '../../../src/digest/digest-args';
import { latestCompletePeriod, periodOf } from '../../../src/digest/period';
import { parseDay as parseIsoDate } from '../../../src/lib/day';
import { normalizeEmail } from '../../../src/lib/email-address';

const day = (text: string) => parseIsoDate(text)!;

describe('digest periods', () => {
  it.each([
    ['2025-12-11', 'weekly:2025-W50', '2025-12-08', '2025-12-14'],
    ['2026-01-01', 'weekly:2026-W01', '2025-12-29', '2026-01-04'],
    ['2027-01-01', 'weekly:2026-W53', '2026-12-28', '2027-01-03'],
    ['2024-12-30', 'weekly:2025-W01', '2024-12-30', '2025-01-05'],
  ])('puts %s in ISO week %s (%s to %s)', (date, key, from, to) => {
    const period = periodOf('WEEKLY', day(date));
    expect([period.key, period.from.toISOString().slice(0, 10), period.to.toISOString().slice(0, 10)]).toEqual([key, from, to]);
  });

  it('defaults to the latest complete period: yesterday, or last week', () => {
    const now = new Date('2025-12-15T06:30:00Z');
    expect(latestCompletePeriod('DAILY', now).key).toBe('daily:2025-12-14');
    expect(latestCompletePeriod('WEEKLY', now).key).toBe('weekly:2025-W50');
  });

  it('parses calendar dates strictly', () => {
    expect(parseIsoDate('2025-02-30')).toBeNull();
    expect(parseIsoDate('2025-2-3')).toBeNull();
    expect(parseIsoDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });
});

describe('normalizeEmail', () => {
  it('keeps the local part and lower-cases the domain', () => {
    expect(normalizeEmail(' Ann.Lee+digest@Example.ORG ')).toEqual({ ok: true, email: 'Ann.Lee+digest@example.org' });
  });

  it.each(['', 'plain', '@example.org', 'a@', 'a..b@example.org', '.a@example.org', 'a@-x.org', 'a@x', 'a b@x.org', 'a@x.org>', `${'a'.repeat(65)}@x.org`])(
    'refuses %j',
    (text) => expect(normalizeEmail(text).ok).toBe(false),
  );

  it('accepts exactly 254 characters and refuses 255', () => {
    const at254 = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.org`;
    expect(at254).toHaveLength(254);
    expect(normalizeEmail(at254).ok).toBe(true);
    expect(normalizeEmail(`a${at254}`)).toEqual({ ok: false, reason: 'is longer than 254 characters' });
  });
});

describe('composeDigest', () => {
  const period = periodOf('DAILY', day('2025-12-11'));
  const paper = { id: '2512.00001', title: '<img src=x onerror=alert(1)>', authors: ["O'Brien & Co"], upvoteCount: 1, githubRepo: 'javascript:alert(1)' };

  it('escapes every feed value in HTML and drops non-http code links', () => {
    const mail = composeDigest({ publicBaseUrl: 'https://papers.example' }, period, [paper], 'T'.repeat(43));
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('O&#39;Brien &amp; Co');
    expect(mail.html).not.toContain('javascript:');
    expect(mail.text).not.toContain('Code:');
    expect(mail.text).toContain('1 upvote\n');
    expect(mail.headers['List-Unsubscribe']).toBe(`<https://papers.example/digest/unsubscribe?token=${'T'.repeat(43)}>`);
  });

  it('escapeHtml covers the five special characters', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('parseDigestArgs', () => {
  it('reads frequency, date and dry run', () => {
    expect(parseDigestArgs(['--frequency', 'weekly', '--date=2025-12-11', '--dry-run'])).toEqual({
      frequency: 'WEEKLY',
      date: day('2025-12-11'),
      dryRun: true,
    });
    expect(parseDigestArgs(['--help'])).toBe('help');
  });

  it.each([[[]], [['--frequency', 'hourly']], [['--frequency', 'daily', '--date', '2025-13-01']], [['--frequency']], [['--frequency', 'daily', '--bogus']]])(
    'refuses %j with a usage error',
    (argv) => expect(() => parseDigestArgs(argv)).toThrow(DigestUsageError),
  );
});

describe('digest configuration', () => {
  it('defaults to the outbox, no schedule and localhost links', () => {
    expect(loadConfig({}).digest).toEqual({
      smtpUrl: undefined,
      from: 'Daily Papers <digest@localhost>',
      outboxDir: './outbox',
      schedule: undefined,
      publicBaseUrl: 'http://localhost:4000',
      topN: 10,
      subscribeLimitPerAddress: 5,
      subscribeLimitPerIp: 20,
    });
  });

  it('reads SMTP, schedule and public URL', () => {
    const config = loadConfig({
      SMTP_URL: 'smtps://user:pw@mail.example.org:465',
      DIGEST_SCHEDULE: '0 7 * * *',
      PUBLIC_BASE_URL: 'https://papers.example/',
      DIGEST_TOP_N: '5',
    });
    expect(config.digest).toMatchObject({
      smtpUrl: 'smtps://user:pw@mail.example.org:465',
      schedule: '0 7 * * *',
      publicBaseUrl: 'https://papers.example',
      topN: 5,
    });
  });

  it('names every bad digest variable', () => {
    let error: unknown;
    try {
      loadConfig({ SMTP_URL: 'http://mail', DIGEST_SCHEDULE: 'every day', PUBLIC_BASE_URL: 'ftp://x', DIGEST_TOP_N: '0', DIGEST_FROM: 'nobody' });
    } catch (caught) {
      error = caught;
    }
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['SMTP_URL', 'DIGEST_SCHEDULE', 'PUBLIC_BASE_URL', 'DIGEST_TOP_N', 'DIGEST_FROM']) expect(problems).toContain(`${name}:`);
  });
});

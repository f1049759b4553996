import { tokenIn, CONFIRM_TOKEN, UNSUBSCRIBE_TOKEN } from '../support/digest-fixtures';
import { paper, seedPapers } from '../support/seed';
import { postGraphQL } from '../support/graphql-client';
import { ENGINES } from '../support/services';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startTestServer, type TestServer } from '../support/test-server';

// The whole feature through a real server: subscribe and confirm over HTTP, then the in-process
// schedule (every second here) sends yesterday's digest once, however many times it ticks.

const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe.each(ENGINES)('email digest end to end on %s', (engine) => {
  let sink: SmtpSink;
  let server: TestServer;

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({
      engine,
      env: { SMTP_URL: sink.url, DIGEST_SCHEDULE: '* * * * * *', PUBLIC_BASE_URL: 'https://papers.example', DIGEST_FROM: 'Papers <digest@papers.example>' },
    });
    await seedPapers(server.database.db, [
      paper('2511.00001', yesterday, 7, 'Yesterday second', ['A. Author']),
      paper('2511.00002', yesterday, 9, 'Yesterday first', ['B. Author']),
    ]);
  });
  afterAll(async () => {
    await server.close();
    await sink.close();
  });

  it('subscribe → confirmation mail → confirm → one scheduled digest → unsubscribe from its link', async () => {
    const subscribed = await postGraphQL(server.url, 'mutation { subscribeToDigest(input: { email: "Reader@Papers.Example", frequency: DAILY }) { email } }');
    expect(subscribed.expectData()).toEqual({ subscribeToDigest: { email: 'Reader@papers.example' } });
    const [confirmation] = await sink.waitFor(1);
    expect(confirmation.headers.get('from')).toBe('Papers <digest@papers.example>');
    const token = tokenIn(confirmation.text, CONFIRM_TOKEN);
    expect(confirmation.text).toContain(`https://papers.example/digest/confirm?token=${token}`);

    const confirmed = await postGraphQL(server.url, 'mutation($t: String!) { confirmDigestSubscription(input: { token: $t }) { subscription { status } } }', {
      t: token,
    });
    expect(confirmed.expectData()).toEqual({ confirmDigestSubscription: { subscription: { status: 'CONFIRMED' } } });

    const [, digest] = await sink.waitFor(2);
    expect(digest.to).toEqual(['Reader@papers.example']);
    expect([...digest.text.matchAll(/^\d+\. (.+)$/gm)].map((m) => m[1])).toEqual(['Yesterday first', 'Yesterday second']);
    // Several more ticks: the ledger keeps it at one digest for the period.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(sink.messages).toHaveLength(2);

    const unsubscribe = tokenIn(digest.text, UNSUBSCRIBE_TOKEN);
    const ended = await postGraphQL(server.url, 'mutation($t: String!) { unsubscribeFromDigest(input: { token: $t }) { subscription { status } } }', {
      t: unsubscribe,
    });
    expect(ended.expectData()).toEqual({ unsubscribeFromDigest: { subscription: { status: 'UNSUBSCRIBED' } } });
    const reused = await postGraphQL(server.url, 'mutation($t: String!) { unsubscribeFromDigest(input: { token: $t }) { subscription { status } } }', {
      t: unsubscribe,
    });
    expect(reused.expectError('BAD_USER_INPUT').extensions).toMatchObject({ argumentName: 'token' });
  });

  it('the links in mail open pages on this server: GET only shows a button, POST acts, one-click POST unsubscribes', async () => {
    await postGraphQL(server.url, 'mutation { subscribeToDigest(input: { email: "pages@example.org", frequency: WEEKLY }) { email } }');
    await server.app.services.digestSubscriptions.whenIdle();
    const mail = sink.messages.find((m) => m.to.includes('pages@example.org'))!;
    const local = (link: string) => link.replace('https://papers.example', server.url);
    const status = async () => (await server.database.db.prisma.digestSubscription.findUniqueOrThrow({ where: { email: 'pages@example.org' } })).status;

    const confirmLink = local(/https:\/\/papers\.example\/digest\/confirm\?token=[\w-]+/.exec(mail.text)![0]);
    const page = await fetch(confirmLink);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('<form method="post" action="/digest/confirm">');
    expect(await status()).toBe('pending');

    const token = tokenIn(mail.text, CONFIRM_TOKEN);
    const posted = await fetch(`${server.url}/digest/confirm`, { method: 'POST', body: new URLSearchParams({ token }) });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain('Subscribed.');
    expect(await status()).toBe('confirmed');
    const replayed = await fetch(`${server.url}/digest/confirm`, { method: 'POST', body: new URLSearchParams({ token }) });
    expect(replayed.status).toBe(400);

    const oneClick = local(mail.headers.get('list-unsubscribe')!.slice(1, -1));
    const unsubscribed = await fetch(oneClick, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.status).toBe(200);
    expect(await status()).toBe('unsubscribed');
  });

  it('refuses an invalid address over HTTP with BAD_USER_INPUT naming email', async () => {
    const result = await postGraphQL(server.url, 'mutation { subscribeToDigest(input: { email: "nope", frequency: WEEKLY }) { email } }');
    expect(result.expectError('BAD_USER_INPUT').extensions).toMatchObject({ argumentName: 'email' });
  });
});

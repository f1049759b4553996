import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { parseDemoFile } from '../../src/import/demo-data';
import { importRecords } from '../../src/import/import-papers';
import { createUserWithToken } from '../support/identity-seed';
import { postGraphQL } from '../support/graphql-client';
import { CHROMIUM, describeWithChromium } from '../support/services';
import { startTestServer, type TestServer } from '../support/test-server';

// Debian's Chromium, never a downloaded build; .ci/run installs it. Missing, this suite is skipped
// and named (it fails under CI, which must run it).
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const EXECUTE = '.graphiql-execute-button';

describeWithChromium('GraphQL Playground in a real browser', () => {
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const foreignRequests: string[] = [];
  // Console errors, among them Content-Security-Policy violations: the policy must not break the page.
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does).`);
    server = await startTestServer();
    await importRecords(server.database.db, parseDemoFile());
    userDataDir = mkdtempSync(join(tmpdir(), 'playground-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 800 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    const origin = new URL(server.url).origin;
    const wsOrigin = origin.replace(/^http/, 'ws');
    // Every request the page makes (documents, scripts, styles, fonts, images, fetches, websockets).
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) foreignRequests.push(url);
    });
    page.on('websocket', (socket) => {
      if (!socket.url().startsWith(`${wsOrigin}/`)) foreignRequests.push(socket.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) consoleErrors.push(`${response.status()} ${response.url()}`);
    });
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('runs the day-feed tab and shows demo papers, loading nothing from outside the server', async () => {
    await page.goto(`${server.url}/graphql`);
    await expect(page.title()).resolves.toBe('Daily Papers GraphQL API — Playground');
    // One tab per example file, named by its operation.
    await page.locator('button.graphiql-tab-button[title="TrendingThisWeek"]').waitFor();
    await page.locator('button.graphiql-tab-button[title="DayFeed"]').click();
    await page.locator(EXECUTE).click();
    const result = await resultContaining(page, '"day"');
    const day = JSON.parse(result).data.day;
    expect(day.date).toBe('2025-12-11');
    expect(day.papers.edges.length).toBe(day.paperCount);
    expect(day.papers.edges.map((edge: { node: { title: string } }) => edge.node.title)).toContain('Kinetics: Rethinking Test-Time Scaling Laws');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'playground.png') });
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('runs the subscription tab over the same websocket endpoint and shows an upvote as it happens', async () => {
    await page.locator('button.graphiql-tab-button[title="PaperUpvoted"]').click();
    await page.locator('.graphiql-tab-active', { hasText: 'PaperUpvoted' }).waitFor();
    const socketOpened = page.waitForEvent('websocket');
    await page.locator(EXECUTE).click();
    const socket = await socketOpened;
    expect(socket.url()).toBe(`${server.url.replace(/^http/, 'ws')}/graphql`);
    // The server counts the subscription once it has accepted it.
    await waitForActiveSubscriptions(server, 1);

    const { authorization } = await createUserWithToken(server.database.db, 'playground');
    const upvote = await postGraphQL(server.url, 'mutation { upvotePaper(input: { paperId: "2407.18232" }) { paper { upvoteCount } } }', undefined, {
      authorization,
    });
    expect(upvote.expectData().upvotePaper.paper.upvoteCount).toBe(1);

    const event = JSON.parse(await resultContaining(page, '"paperUpvoted"'));
    expect(event.data.paperUpvoted.paper).toMatchObject({ arxivId: '2407.18232', upvoteCount: 1 });
    await page.screenshot({ path: join(ARTIFACTS, 'playground-subscription.png') });
    // While it runs, the run button stops it: the server sees the subscription end.
    await page.locator(EXECUTE).click();
    await waitForActiveSubscriptions(server, 0);
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('has the documentation explorer and the GraphiQL Explorer in its sidebar', async () => {
    await page.locator('button[aria-label="Show Documentation Explorer"]').click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor();
    await page.locator('button[aria-label="Show GraphiQL Explorer"]').click();
    // The Explorer lists the fields of the open tab's operation (the subscription) to build it from.
    await page.locator('.graphiql-explorer-root [data-field-name="paperUpvoted"]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'playground-explorer.png') });
    expect(consoleErrors).toEqual([]);
  });
  it('sends the token typed into the headers editor: the Upvote tab answers as that user', async () => {
    const { token, user } = await createUserWithToken(server.database.db, 'headers');
    await page.locator('button.graphiql-tab-button[title="UpvotePaper"]').click();
    await page.locator('.graphiql-tab-active', { hasText: 'UpvotePaper' }).waitFor();
    // GraphiQL 5's editor tools: a "Headers" button beside "Variables" above the lower editor.
    await page.locator('.graphiql-editor-tools button', { hasText: /^Headers$/ }).click();
    const headersEditor = page.locator('.monaco-editor[data-uri*="request-headers"]');
    await headersEditor.waitFor({ state: 'visible' });
    // Typed as a person would: focus the editor, select its text, type over it.
    await headersEditor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(`{"Authorization": "Bearer ${token}"`);
    const typed = await page.evaluate(() => {
      const { monaco } = globalThis as unknown as { monaco: { editor: { getModels(): Array<{ uri: { path: string }; getValue(): string }> } } };
      return monaco.editor
        .getModels()
        .find((model) => model.uri.path.includes('request-headers'))
        ?.getValue();
    });
    // Monaco closes the brace itself.
    expect(JSON.parse(typed ?? '')).toEqual({ Authorization: `Bearer ${token}` });

    const sent = page.waitForRequest(
      (request) => request.method() === 'POST' && request.url() === `${server.url}/graphql` && (request.postData() ?? '').includes('UpvotePaper'),
    );
    await page.locator(EXECUTE).click();
    expect((await sent).headers().authorization).toBe(`Bearer ${token}`);
    const answer = JSON.parse(await resultContaining(page, '"viewerHasUpvoted"'));
    expect(answer.data.upvotePaper.paper.viewerHasUpvoted).toBe(true);
    expect(await server.database.db.prisma.upvote.count({ where: { userId: user.id, paperId: '2407.18232' } })).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'playground-headers.png') });
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

/** The text of the Playground's response editor once it contains `needle` (Monaco renders only visible lines; read its model). */
async function resultContaining(page: Page, needle: string): Promise<string> {
  const handle = await page.waitForFunction(
    (text) => {
      // Runs in the page; the test's tsconfig has no DOM types. The setup script turns on Monaco's global API.
      const { monaco } = globalThis as unknown as { monaco: { editor: { getModels(): Array<{ uri: { path: string }; getValue(): string }> } } };
      const responses = monaco.editor.getModels().filter((model) => model.uri.path.includes('response'));
      return responses.map((model) => model.getValue()).find((value) => value.trimStart().startsWith('{') && value.includes(text)) ?? false;
    },
    needle,
    { timeout: 20_000 },
  );
  return (await handle.jsonValue()) as string;
}

async function waitForActiveSubscriptions(server: TestServer, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (server.app.websocket.activeSubscriptions() !== count) {
    if (Date.now() > deadline) throw new Error(`The server never had ${count} active subscription(s) from the Playground.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

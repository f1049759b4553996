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
const EXECUTE = '[title="Execute Query (Ctrl-Enter)"]';

describeWithChromium('GraphQL Playground in a real browser', () => {
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does).`);
    server = await startTestServer();
    await importRecords(server.database.db, parseDemoFile());
    userDataDir = mkdtempSync(join(tmpdir(), 'playground-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
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
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('runs the day-feed tab and shows demo papers, loading nothing from outside the server', async () => {
    await page.goto(`${server.url}/graphql`);
    await page.getByText('Day feed', { exact: true }).click();
    await page.locator(EXECUTE).click();
    const result = await resultContaining(page, '"day"');
    const day = JSON.parse(result).data.day;
    expect(day.date).toBe('2025-12-11');
    expect(day.papers.edges.length).toBe(day.paperCount);
    expect(day.papers.edges.map((edge: { node: { title: string } }) => edge.node.title)).toContain('Kinetics: Rethinking Test-Time Scaling Laws');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'playground.png') });
    expect(foreignRequests).toEqual([]);
  });

  it('runs the subscription tab over the same websocket endpoint and shows an upvote as it happens', async () => {
    await page.getByText('Live upvotes', { exact: true }).click();
    const socketOpened = page.waitForEvent('websocket');
    await page.locator(EXECUTE).click();
    const socket = await socketOpened;
    expect(socket.url()).toBe(`${server.url.replace(/^http/, 'ws')}/graphql`);
    // The server counts the subscription once it has accepted it.
    await waitForActiveSubscription(server);

    const { authorization } = await createUserWithToken(server.database.db, 'playground');
    const upvote = await postGraphQL(server.url, 'mutation { upvotePaper(input: { paperId: "2407.18232" }) { paper { upvoteCount } } }', undefined, { authorization });
    expect(upvote.expectData().upvotePaper.paper.upvoteCount).toBe(1);

    const event = JSON.parse(await resultContaining(page, '"paperUpvoted"'));
    expect(event.data.paperUpvoted.paper).toMatchObject({ arxivId: '2407.18232', upvoteCount: 1 });
    await page.screenshot({ path: join(ARTIFACTS, 'playground-subscription.png') });
    expect(foreignRequests).toEqual([]);
  });
});

/** The text of the Playground's result editor once it contains `needle` (CodeMirror renders only visible lines; read its model). */
async function resultContaining(page: Page, needle: string): Promise<string> {
  const handle = await page.waitForFunction(
    (text) => {
      // Runs in the page; the test's tsconfig has no DOM types.
      const { document } = globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<{ CodeMirror?: { getValue(): string } }> } };
      const values = Array.from(document.querySelectorAll('.CodeMirror')).map((editor) => editor.CodeMirror?.getValue() ?? '');
      return values.find((value) => value.trimStart().startsWith('{') && value.includes(text)) ?? false;
    },
    needle,
    { timeout: 20_000 },
  );
  return (await handle.jsonValue()) as string;
}

async function waitForActiveSubscription(server: TestServer): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (server.app.websocket.activeSubscriptions() < 1) {
    if (Date.now() > deadline) throw new Error('The Playground never opened a subscription.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

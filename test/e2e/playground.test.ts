import { Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { loadConfig } from '../../src/config/load-config';
import { createInProcessPubSub } from '../../src/pubsub/in-process-pubsub';
import { buildSchema } from '../../src/schema/build-schema';
import { externalUrls, GRAPHIQL_PATH, GRAPHQL_WS_PATH, SETUP_SCRIPT_PATH } from '../../src/server/playground/playground-page';
import { loadTabs, parseTab } from '../../src/server/playground/playground-tabs';
import { parseDemoFile } from '../../src/import/demo-data';
import { importRecords } from '../../src/import/import-papers';
import { postGraphQL } from '../support/graphql-client';
import { createUserWithToken } from '../support/identity-seed';
import { ENGINES } from '../support/services';
import { startTestServer, type TestServer } from '../support/test-server';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('GraphQL Playground over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers a browser at /graphql with the Playground page, every asset on this server', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = response.headers.get('content-security-policy');
    expect(policy).toContain("default-src 'self'");
    // No eval and no inline script: the page's only inline <script> is JSON, which never runs.
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toContain('unsafe-eval');
    const html = await response.text();
    expect(html).toContain('<title>Daily Papers GraphQL API — Playground</title>');
    expect(html).toContain('GraphQL Playground');
    expect(externalUrls(html)).toEqual([]);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(assets).toEqual(expect.arrayContaining([`${GRAPHIQL_PATH}/graphiql.js`, `${GRAPHIQL_PATH}/graphiql.css`, GRAPHQL_WS_PATH, SETUP_SCRIPT_PATH]));
    for (const asset of assets) {
      const fetched = await fetch(`${server.url}${asset}`);
      expect([asset, fetched.status]).toEqual([asset, 200]);
      expect((await fetched.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('puts the example tabs into the page, with the upvote tab carrying its Authorization header', async () => {
    const html = await (await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    const config = JSON.parse(/<script type="application\/json" id="playground-config">(.*?)<\/script>/s.exec(html)![1]);
    expect(config.tabs.map((tab: { name: string }) => tab.name)).toEqual([
      'Day feed',
      'Paper with authors',
      'Search',
      'Trending this week',
      'Upvote a paper',
      'Live upvotes',
    ]);
    const upvote = config.tabs.find((tab: { name: string }) => tab.name === 'Upvote a paper');
    expect(upvote.headers).toEqual({ Authorization: 'Bearer <your token>' });
    expect(upvote.query).not.toContain('# headers:');
    // Monaco's workers come from this server too.
    for (const worker of Object.values(config.workers) as string[]) {
      const response = await fetch(`${server.url}${worker}`);
      expect([worker, response.status, response.headers.get('content-type')]).toEqual([worker, 200, 'text/javascript; charset=utf-8']);
    }
  });

  it('serves the 5 MB GraphiQL bundle gzipped, cacheable forever, and revalidates with its ETag', async () => {
    const url = `${server.url}${GRAPHIQL_PATH}/graphiql.js`;
    const first = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-encoding')).toBe('gzip');
    expect(first.headers.get('cache-control')).toContain('immutable');
    expect(Number(first.headers.get('content-length'))).toBeLessThan(2 * 1024 * 1024);
    expect((await first.text()).length).toBeGreaterThan(5_000_000);
    const again = await fetch(url, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('keeps the rest of node_modules out of reach', async () => {
    for (const path of [
      `${GRAPHIQL_PATH}/index.js`,
      `${GRAPHIQL_PATH}/../package.json`,
      `${GRAPHQL_WS_PATH.replace(/[^/]+$/, '')}graphql-ws.js`,
      '/playground/render-graphiql@0.0.0/graphiql.js',
      '/playground/',
    ]) {
      const response = await fetch(`${server.url}${path}`);
      expect([path, response.status]).toEqual([path, 404]);
    }
  });

  it('still answers GraphQL GET requests, and clients that prefer JSON, in JSON', async () => {
    const query = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ papers(first: 1) { totalCount } }')}`, {
      headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true' },
    });
    expect(query.status).toBe(200);
    expect(query.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    expect(await query.json()).toEqual({ data: { papers: { totalCount: 0 } } });

    const jsonClient = await fetch(`${server.url}/graphql`, { headers: { accept: 'application/json, text/html;q=0.5' } });
    expect(jsonClient.headers.get('content-type')).toMatch(/json/);
  });
});

describe('with PLAYGROUND=false', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { PLAYGROUND: 'false' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers a browser with a JSON error that says why, and serves no Playground files', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: unknown }> };
    expect(body.errors[0].message).toContain('PLAYGROUND=false');
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST', requestId: response.headers.get('x-request-id') });
    expect((await fetch(`${server.url}${GRAPHIQL_PATH}/graphiql.js`)).status).toBe(404);
  });

  it('is the production default', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).playground).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', PLAYGROUND: 'true' }).playground).toBe(true);
  });
});

describe('the example tabs', () => {
  it('parse name, variables and headers out of their comment lines', () => {
    const tab = parseTab('x.graphql', '# name: X\n# Explains.\nquery X($id: ID!) { paper(id: $id) { id } }\n# variables: {"id": "1"}\n# headers: {"A": "b"}\n');
    expect(tab).toEqual({
      name: 'X',
      query: '# Explains.\nquery X($id: ID!) { paper(id: $id) { id } }\n',
      variables: '{\n  "id": "1"\n}',
      headers: { A: 'b' },
    });
    expect(() => parseTab('y.graphql', 'query Y { a }')).toThrow('y.graphql has no "# name:" line');
    expect(() => parseTab('z.graphql', '# name: Z\n# headers: {"A": 1}\n{ a }')).toThrow('header "A" must be a string');
    expect(() => parseTab('w.graphql', '# name: W\n# variables: {oops}\n{ a }')).toThrow('is not valid JSON');
  });

  it('are valid operations against the current schema', async () => {
    const schema = await buildSchema({ pubSub: createInProcessPubSub() });
    const problems = loadTabs().flatMap((tab) => {
      const document = parse(tab.query);
      // graphql 16's validate() does not check that the schema has the operation's root type.
      const missingRoots = document.definitions
        .filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
        .filter((operation) => !schema.getRootType(operation.operation))
        .map((operation) => `${tab.name}: the schema has no ${operation.operation} type`);
      return [...missingRoots, ...validate(schema, document).map((error) => `${tab.name}: ${error.message}`)];
    });
    expect(problems).toEqual([]);
  });
});

describe.each(ENGINES)('the example query tabs against the demo data (%s)', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ engine });
    await importRecords(server.database.db, parseDemoFile());
  });
  afterAll(async () => {
    await server?.close();
  });

  const queryTabs = loadTabs().filter((tab) => /^\s*query\b/m.test(tab.query.replace(/^#.*$/gm, '')));

  it.each(queryTabs.map((tab) => [tab.name, tab] as const))('%s answers with data and no errors', async (_name, tab) => {
    const data = (await postGraphQL(server.url, tab.query, tab.variables ? JSON.parse(tab.variables) : undefined)).expectData();
    // Every list in the answer is non-empty: the example shows something on the demo data.
    const lists: unknown[][] = [];
    JSON.stringify(data, (_key, value) => (Array.isArray(value) && lists.push(value), value));
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.filter((list) => list.length === 0)).toEqual([]);
  });

  it('Upvote a paper: refused with the placeholder header, works once it carries a real token', async () => {
    const tab = loadTabs().find((candidate) => candidate.name === 'Upvote a paper')!;
    (await postGraphQL(server.url, tab.query, undefined, tab.headers)).expectError('UNAUTHENTICATED');
    const { authorization } = await createUserWithToken(server.database.db, 'tab');
    const data = (await postGraphQL(server.url, tab.query, undefined, { ...tab.headers, Authorization: authorization })).expectData();
    expect(data.upvotePaper.paper).toMatchObject({ upvoteCount: 1, viewerHasUpvoted: true });
  });

  it('covers the four query examples', () => {
    expect(queryTabs.map((tab) => tab.name)).toEqual(['Day feed', 'Paper with authors', 'Search', 'Trending this week']);
  });
});

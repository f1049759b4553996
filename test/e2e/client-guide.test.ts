import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApolloClient, DAY_FEED, UPVOTE } from '../../examples/clients/apollo';
import { graphql, GraphQLRequestError, upvote } from '../../examples/clients/fetch';
import { createSubscriptionClient, watchUpvotes } from '../../examples/clients/subscribe';
import { createUrqlClient, SEARCH } from '../../examples/clients/urql';
import { runNode } from '../support/child-process';
import { createUserWithToken } from '../support/identity-seed';
import { startTestServer, type TestServer } from '../support/test-server';

// docs/clients.md shows the files under examples/; this runs them against a demo server, as a
// frontend or third-party developer would, with the real client libraries.

const ROOT = join(__dirname, '..', '..');

describe('docs/clients.md', () => {
  it('shows every example file word for word', () => {
    const page = readFileSync(join(ROOT, 'docs', 'clients.md'), 'utf8');
    const shown = [...page.matchAll(/^```\w+ file=(\S+)\n([\s\S]*?)\n```$/gm)];
    expect(shown.map((match) => match[1])).toEqual([
      'examples/clients/fetch.ts',
      'examples/clients/apollo.ts',
      'examples/clients/urql.ts',
      'examples/clients/subscribe.ts',
      'examples/codegen.ts',
    ]);
    for (const [, file, body] of shown) expect([file, body]).toEqual([file, readFileSync(join(ROOT, file), 'utf8').trimEnd()]);
  });
});

describe('the client examples against the demo server', () => {
  let server: TestServer;
  let url: string;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'true' } });
    url = `${server.url}/graphql`;
    ({ token } = await createUserWithToken(server.database.db, 'client'));
  }, 300_000);
  afterAll(async () => {
    await server?.close();
  });

  it('fetch: reads anonymously, upvotes with a token, and reports a bad token by its code', async () => {
    const data = await graphql<{ paper: { title: string } }>(url, 'query ($id: ID!) { paper(id: $id) { title } }', { id: '2407.18232' });
    expect(data.paper.title).toContain('LION');
    expect(await upvote(url, '2510.17896', token)).toBe(3);
    await expect(upvote(url, '2510.17896', 'dpat_00000000_not-a-real-secret-not-a-real-secret-not-a-re')).rejects.toThrow('Sign in again');
    const refused = await graphql(url, '{ papers(first: 1000) { totalCount } }').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GraphQLRequestError);
    expect((refused as GraphQLRequestError).code).toBe('BAD_USER_INPUT');
  });

  it('Apollo Client: fetchMore appends the next page of a day, and an upvote updates the cached paper', async () => {
    const client = createApolloClient(url, token);
    const feed = client.watchQuery({ query: DAY_FEED, variables: { date: '2025-12-11', first: 2 } });
    const seen: number[] = [];
    const subscription = feed.subscribe((result) => {
      const edges = result.data?.day?.papers?.edges;
      if (edges) seen.push(edges.length);
    });
    try {
      const first = await client.query({ query: DAY_FEED, variables: { date: '2025-12-11', first: 2 } });
      const page = first.data!.day!.papers;
      expect(page.edges).toHaveLength(2);
      await feed.fetchMore({ variables: { after: page.pageInfo.endCursor } });
      const merged = client.readQuery({ query: DAY_FEED, variables: { date: '2025-12-11', first: 2 } })!.day!.papers;
      expect(merged.edges).toHaveLength(3);
      expect(merged.pageInfo.hasNextPage).toBe(false);

      const paper = merged.edges[0].node;
      const mutated = await client.mutate({ mutation: UPVOTE, variables: { paperId: paper.id } });
      expect(mutated.data!.upvotePaper.paper.viewerHasUpvoted).toBe(true);
      const cached = client.readQuery({ query: DAY_FEED, variables: { date: '2025-12-11', first: 2 } })!.day!.papers.edges[0].node;
      expect(cached).toMatchObject({ id: paper.id, upvoteCount: paper.upvoteCount + 1, viewerHasUpvoted: true });
      expect(seen.at(-1)).toBe(3);
    } finally {
      subscription.unsubscribe();
      client.stop();
    }
  });

  it('urql with its defaults: the query goes out as GET and is answered', async () => {
    const realFetch = globalThis.fetch;
    const methods: string[] = [];
    globalThis.fetch = (input, init) => {
      methods.push(init?.method ?? 'GET');
      return realFetch(input, init);
    };
    try {
      const result = await createUrqlClient(url).query(SEARCH, { query: 'linear attention' }).toPromise();
      expect(result.error).toBeUndefined();
      expect(result.data.search.totalCount).toBeGreaterThan(0);
      expect(methods).toEqual(['GET']);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('graphql-ws in Node: an upvote arrives as a new count', async () => {
    const client = createSubscriptionClient(url, token);
    const counts: number[] = [];
    let failure: unknown;
    const connected = new Promise((resolve) => client.on('connected', resolve));
    const stop = watchUpvotes(
      client,
      '2410.00907',
      (count) => counts.push(count),
      (error) => (failure = error),
    );
    try {
      await connected;
      // One round trip on the socket, so the subscription is listening before the count changes.
      await new Promise((resolve, reject) => client.subscribe({ query: '{ __typename }' }, { next: () => {}, error: reject, complete: () => resolve(null) }));
      const count = await upvote(url, '2410.00907', token);
      for (let i = 0; i < 200 && counts.length === 0 && !failure; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(failure).toBeUndefined();
      expect(counts).toEqual([count]);
    } finally {
      stop();
      await client.dispose();
    }
  });

  it('examples/client.mjs prints the feed, upvotes with a token and hears the new count', async () => {
    const anonymous = await runNode(join(ROOT, 'examples', 'client.mjs'), [], { GRAPHQL_URL: url });
    expect(anonymous.stderr).toBe('');
    expect(anonymous.code).toBe(0);
    expect(anonymous.stdout).toMatch(/^2025-12-11: 3 papers$/m);

    const { token: own } = await createUserWithToken(server.database.db, 'example');
    const run = await runNode(join(ROOT, 'examples', 'client.mjs'), [], { GRAPHQL_URL: url, DAILY_PAPERS_TOKEN: own });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const upvoted = /Upvoted (\S+): (\d+) upvotes/.exec(run.stdout);
    expect(upvoted).not.toBeNull();
    expect(run.stdout).toContain(`Live: paperUpvoted says ${upvoted![2]}`);
  });
});

describe('examples/codegen.ts', () => {
  it('generates types from the committed schema with the custom scalars mapped', async () => {
    const project = mkdtempSync(join(tmpdir(), 'codegen-'));
    try {
      copyFileSync(join(ROOT, 'schema.graphql'), join(project, 'schema.graphql'));
      copyFileSync(join(ROOT, 'examples', 'codegen.ts'), join(project, 'codegen.ts'));
      mkdirSync(join(project, 'src'));
      writeFileSync(
        join(project, 'src', 'feed.ts'),
        "import { graphql } from './gql';\nexport const Feed = graphql(`query Feed { days(first: 1) { nodes { date papers(first: 3) { nodes { arxivId publishedAt githubRepo upvoteCount } } } } }`);\n",
      );
      const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, [join(ROOT, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js'), '--config', 'codegen.ts'], {
          cwd: project,
          env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
        });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('close', (code) => resolve({ code, output }));
      });
      expect(run).toMatchObject({ code: 0 });
      const types = readFileSync(join(project, 'src', 'gql', 'graphql.ts'), 'utf8');
      // Date, DateTime (publishedAt), URL (githubRepo) and NonNegativeInt (upvoteCount), as mapped.
      expect(types).toContain(
        'export type FeedQuery = { days: { nodes: Array<{ date: string, papers: { nodes: Array<{ arxivId: string, publishedAt: string | null, githubRepo: string | null, upvoteCount: number }> } }> } };',
      );
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 120_000);
});

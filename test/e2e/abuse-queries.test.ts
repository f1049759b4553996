import { encodeCursor } from '../../src/lib/paging/cursor';
import { ENGINES } from '../support/services';
import { seedPapers } from '../support/seed';
import { countStatements } from '../support/statements';
import { startTestServer, type TestServer } from '../support/test-server';
import { STARTUP_TIMEOUT_MS, codeOf, nestedAuthors, post, rowCounts } from './abuse-support';

// Hostile documents: every one is refused with a stable code before (or instead of) doing
// work, and none of them writes anything. Limits are the defaults except depth (5), which
// the current schema is not deep enough to reach with valid fields.
describe.each(ENGINES)('abusive queries (%s)', (engine) => {
  let server: TestServer;
  let before: Record<string, number>;

  beforeAll(async () => {
    // No webhook worker: its polling statements would be counted as the refused requests' own.
    server = await startTestServer({ engine, env: { MAX_QUERY_DEPTH: '5', WEBHOOK_DELIVER: 'false' } });
    await seedPapers(server.database.db, 3);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => server?.close());
  beforeEach(async () => {
    before = await rowCounts(server.database.db);
  });
  afterEach(async () => {
    expect(await rowCounts(server.database.db)).toEqual(before);
  });

  const send = (query: string, variables?: Record<string, unknown>) => post(server.url, { query, variables });
  /** send(), with the statements the database received meanwhile. */
  const sendCounted = async (query: string) => {
    let response: Awaited<ReturnType<typeof send>> | undefined;
    const { names } = await countStatements(server.database.db, async () => {
      response = await send(query);
    });
    return { response: response!, statements: names };
  };

  function expectLimit(response: Awaited<ReturnType<typeof send>>, limitName: string, limit: number, measured: number | null) {
    expect(response.status).toBe(400);
    expect(response.json.data).toBeUndefined();
    const error = response.json.errors?.find((candidate) => candidate.extensions?.limitName === limitName);
    expect(error?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit, measured });
    expect(error?.message).toContain(String(limit));
    if (measured !== null) expect(error?.message).toContain(String(measured));
    expect(error?.extensions?.requestId).toEqual(expect.any(String));
  }

  it('refuses nesting one level deeper than MAX_QUERY_DEPTH, stating both depths', async () => {
    expectLimit(await send('{ viewer { upvotedPapers { edges { node { authors { name } } } } } }'), 'depth', 5, 6);
  });

  it('accepts nesting exactly at MAX_QUERY_DEPTH', async () => {
    const response = await send('{ papers(first: 2) { edges { node { authors { name } } } } }');
    expect(response.status).toBe(200);
    expect(response.json.data.papers.edges).toHaveLength(2);
  });

  it('refuses 50 levels of nesting without executing: no statement reaches the database', async () => {
    const { response, statements } = await sendCounted(nestedAuthors(47));
    expectLimit(response, 'depth', 5, 50);
    expect(statements).toEqual([]);
  });

  it('refuses an alias bomb of 900 aliases (under the token limit)', async () => {
    const aliases = Array.from({ length: 900 }, (_, i) => `a${i}: __typename`).join(' ');
    expectLimit(await send(`{ ${aliases} }`), 'aliases', 30, 900);
  });

  it('counts aliases across fragments and operations as written', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `t${i}: title`).join(' ');
    expectLimit(await send(`{ papers(first: 1) { nodes { ...F } } } fragment F on Paper { ${aliases} }`), 'aliases', 30, 31);
  });

  it('refuses a fragment bomb (2^20 expansions) on cost without expanding it', async () => {
    const fragments = ['fragment F0 on Paper { authors { name } }'];
    for (let i = 1; i <= 20; i++) fragments.push(`fragment F${i} on Paper { ...F${i - 1} ...F${i - 1} }`);
    const { response, statements } = await sendCounted(`{ papers(first: 1) { nodes { ...F20 } } } ${fragments.join(' ')}`);
    // Refused in validation: one cost error, no data, and nothing sent to the database (executing
    // even the first level would read papers).
    expectLimit(response, 'cost', 25000, null);
    expect(response.json.errors).toHaveLength(1);
    expect(statements).toEqual([]);
  });

  it('refuses circular fragments as a validation error', async () => {
    const response = await send('{ papers(first: 1) { nodes { ...A } } } fragment A on Paper { title ...B } fragment B on Paper { arxivId ...A }');
    expect(response.status).toBe(400);
    expect(codeOf(response)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.json.errors?.some((error) => /cannot spread fragment "A" within itself/i.test(error.message))).toBe(true);
  });

  it('refuses more directives than MAX_QUERY_DIRECTIVES', async () => {
    const fields = Array.from({ length: 25 }, () => '__typename @include(if: true)').join(' ');
    expectLimit(await send(`{ ${fields} }`), 'directives', 20, 25);
  });

  it('answers a document with 500 unknown directives with at most 10 errors, in a small body', async () => {
    const fields = Array.from({ length: 500 }, (_, i) => `__typename @unknown${i}`).join(' ');
    const response = await send(`{ ${fields} }`);
    expect(response.status).toBe(400);
    expect(codeOf(response)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.json.errors?.length).toBeLessThanOrEqual(10);
    expect(response.text.length).toBeLessThan(4096);
  });

  it('stops parsing at MAX_QUERY_TOKENS with a 400 parse error', async () => {
    const response = await send(`{ ${'__typename '.repeat(4000)} }`);
    expect(response.status).toBe(400);
    expect(codeOf(response)).toBe('GRAPHQL_PARSE_FAILED');
    expect(response.json.errors?.[0].message).toMatch(/3000 tokens/);
  });

  it('refuses a document over MAX_DOCUMENT_BYTES even when it is mostly a comment', async () => {
    const query = `# ${'x'.repeat(20000)}\n{ __typename }`;
    expectLimit(await send(query), 'documentBytes', 16384, Buffer.byteLength(query));
  });

  it('prices a huge literal `first` and refuses it on cost', async () => {
    expectLimit(await send('{ papers(first: 1000000) { nodes { arxivId } } }'), 'cost', 25000, 1_000_001);
  });

  it('prices `first: $n` with the variable, so variables cannot bypass the cost limit', async () => {
    expectLimit(await send('query($n: Int) { papers(first: $n) { nodes { arxivId } } }', { n: 1_000_000 }), 'cost', 25000, 1_000_001);
  });

  it('accepts several full pages but refuses a list priced over the cost limit', async () => {
    const response = await send(
      '{ papers(first: 100) { nodes { authors { name } } edges { node { authors { name } } } } viewer { upvotedPapers(first: 100) { nodes { authors { name } } } } a: papers(last: 100) { nodes { authors { name } } } }',
    );
    // 3 × (1 + 100 × 2) + 1 + …: well under 25,000.
    expect(response.status).toBe(200);
    const huge = await send('{ papers(first: 20000) { nodes { authors { name } } } }');
    expectLimit(huge, 'cost', 25000, 1 + 20000 * 2);
  });

  it('answers `first` over the page maximum with BAD_USER_INPUT naming the argument', async () => {
    const response = await send('{ papers(first: 101) { nodes { arxivId } } }');
    expect(response.status).toBe(200);
    expect(response.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  });

  it('answers a negative `first` with BAD_USER_INPUT naming the argument', async () => {
    const response = await send('query($n: Int) { papers(first: $n) { nodes { arxivId } } }', { n: -1 });
    expect(response.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    expect(response.json.data).toBeNull();
  });

  it('answers a negative `last` with BAD_USER_INPUT naming the argument', async () => {
    const response = await send('{ papers(last: -5) { nodes { arxivId } } }');
    expect(response.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'last' });
  });

  it('refuses a non-integer literal `first` in validation', async () => {
    const response = await send('{ papers(first: 1.5) { nodes { arxivId } } }');
    expect(response.status).toBe(400);
    expect(codeOf(response)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses non-integer and string variables for `first` as BAD_USER_INPUT before execution', async () => {
    for (const n of [1.5, '10', 1e300, true]) {
      const response = await send('query($n: Int) { papers(first: $n) { nodes { arxivId } } }', { n });
      expect(response.status).toBe(400);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
    }
  });

  it('answers malformed cursors with BAD_USER_INPUT naming the argument', async () => {
    const forged = [
      '!!!',
      'not-base64-json',
      encodeCursor('other-kind', [1, 2]),
      Buffer.from('{"__proto__":{"polluted":1}}').toString('base64url'),
      'A'.repeat(600),
    ];
    for (const after of forged) {
      const response = await send('query($after: String) { papers(first: 1, after: $after) { nodes { arxivId } } }', { after });
      expect(response.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers malformed and foreign ids with null, never an internal error', async () => {
    const ids = ['', '../../etc/passwd', "1' OR '1'='1", 'UGFwZXI6', Buffer.from('User:1').toString('base64url'), '2501.99999v9', 'x'.repeat(2048)];
    for (const id of ids) {
      const response = await send('query($id: ID!) { paper(id: $id) { arxivId } }', { id });
      expect(response.status).toBe(200);
      expect(response.json).toEqual({ data: { paper: null } });
    }
  });

  it('refuses NUL bytes, lone surrogates and overlong ids with 400 BAD_USER_INPUT naming the argument; RTL/emoji/combining ids are just unknown', async () => {
    const refused = [
      ['\u0000', 'NUL'],
      ['2501.10000\u0000', 'NUL'],
      ['\ud800', 'LONE_SURROGATE'],
      ['x'.repeat(2049), 'TOO_LONG'],
    ] as const;
    for (const [id, reason] of refused) {
      const response = await send('query($id: ID!) { paper(id: $id) { arxivId } }', { id });
      expect({ reason, status: response.status, data: response.json.data }).toEqual({ reason, status: 400, data: undefined });
      expect(response.json.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'paper.id', reason });
    }
    for (const id of ['\u202e2501.10000', '📄'.repeat(100), 'Ω≈ç√∫'.normalize('NFD')]) {
      const response = await send('query($id: ID!) { paper(id: $id) { arxivId } }', { id });
      expect(response.status).toBe(200);
      expect(response.json).toEqual({ data: { paper: null } });
    }
  });

  it('answers each injection string and unicode edge case in search one way: results, or BAD_USER_INPUT naming "query"', async () => {
    // What the user sees for each: results (200), the text rule's refusal before execution (400,
    // `reason` says why), or the search service's refusal (200 with data null: empty or too long).
    const hostile: ReadonlyArray<readonly [string, 'results' | 'refused' | 'invalid', string?]> = [
      ["'; DROP TABLE papers; --", 'results'],
      ["paper' OR '1'='1", 'results'],
      ['100% _match_ \\', 'results'],
      ['!:*&|()<->', 'results'],
      ['"unterminated phrase', 'results'],
      ['-', 'results'],
      ['or or or', 'results'],
      ['\u0000', 'refused', 'NUL'],
      ['abc\u0000def', 'refused', 'NUL'],
      ['\ud800', 'refused', 'LONE_SURROGATE'],
      ['x'.repeat(2049), 'refused', 'TOO_LONG'],
      ['\u202eevil', 'results'],
      ['📄🔥'.repeat(50), 'results'],
      ['x'.repeat(257), 'invalid'],
      ['', 'invalid'],
      ['   ', 'invalid'],
    ];
    for (const [q, expected, reason] of hostile) {
      const response = await send('query($q: String!) { search(query: $q, first: 5) { totalCount nodes { paper { arxivId } } } }', { q });
      const seen = { q: JSON.stringify(q).slice(0, 40), status: response.status, code: response.json.errors?.[0]?.extensions?.code ?? null };
      if (expected === 'results') {
        expect(seen).toEqual({ ...seen, status: 200, code: null });
        expect(response.json.data.search.nodes).toEqual(expect.any(Array));
      } else if (expected === 'refused') {
        expect(seen).toEqual({ ...seen, status: 400, code: 'BAD_USER_INPUT' });
        expect(response.json.errors?.[0]?.extensions).toMatchObject({ argumentName: 'search.query', reason });
      } else {
        expect(seen).toEqual({ ...seen, status: 200, code: 'BAD_USER_INPUT' });
        expect(response.json.errors?.[0]?.extensions).toMatchObject({ argumentName: 'query' });
        expect(response.json.data).toBeNull();
      }
    }
  });

  it('refuses an unknown operation name and documents with several anonymous operations', async () => {
    const unknown = await post(server.url, { query: 'query A { __typename }', operationName: 'B' });
    expect(unknown.status).toBe(400);
    expect(codeOf(unknown)).toBe('OPERATION_RESOLUTION_FAILURE');
    const several = await send('{ __typename } { __typename }');
    expect(several.status).toBe(400);
    expect(codeOf(several)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

import { request as httpRequest } from 'node:http';
import { IdentityService } from '../../src/services/identity.service';
import { ENGINES } from '../support/services';
import { createUserWithToken } from '../support/identity-seed';
import { seedPapers } from '../support/seed';
import { startTestServer, type TestServer } from '../support/test-server';
import { STARTUP_TIMEOUT_MS, codeOf, post, raw, rowCounts } from './abuse-support';

const UPVOTE = 'mutation($id: ID!) { upvotePaper(input: { paperId: $id }) { paper { arxivId upvoteCount } } }';

// Hostile requests and callers: malformed HTTP, wrong media types, forged tokens, races.
// Each asserts the status, the code, and exactly what was (or was not) written.
describe.each(ENGINES)('abusive requests (%s)', (engine) => {
  let server: TestServer;
  let paperIds: string[];
  let writer: Awaited<ReturnType<typeof createUserWithToken>>;

  beforeAll(async () => {
    server = await startTestServer({ engine, env: { BODY_LIMIT_BYTES: '4096' } });
    paperIds = await seedPapers(server.database.db, 3, { baseline: 0 });
    writer = await createUserWithToken(server.database.db, 'abuse');
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => server?.close());

  async function expectNothingWritten(fn: () => Promise<void>) {
    const before = await rowCounts(server.database.db);
    await fn();
    expect(await rowCounts(server.database.db)).toEqual(before);
  }

  it('answers malformed JSON with 400 BAD_REQUEST in JSON', () =>
    expectNothingWritten(async () => {
      const response = await post(server.url, '{"query": "{ __typename }"', {});
      expect(response.status).toBe(400);
      expect(codeOf(response)).toBe('BAD_REQUEST');
      expect(response.json.errors?.[0].extensions?.requestId).toBe(response.headers.get('x-request-id'));
    }));

  it('answers a JSON body that is not an object (number, string, null) with 400', () =>
    expectNothingWritten(async () => {
      for (const body of ['42', '"query"', 'null']) {
        const response = await post(server.url, body);
        expect(response.status).toBe(400);
        expect(codeOf(response)).toBe('BAD_REQUEST');
      }
    }));

  it('answers a body with a non-string query, array variables or no query with 400 BAD_REQUEST', () =>
    expectNothingWritten(async () => {
      for (const body of [
        { query: 42 },
        { query: UPVOTE, variables: [paperIds[0]] },
        { variables: { id: paperIds[0] } },
        { query: UPVOTE, operationName: 7 },
      ]) {
        const response = await post(server.url, body, { authorization: writer.authorization });
        expect(response.status).toBe(400);
        expect(codeOf(response)).toBe('BAD_REQUEST');
      }
    }));

  it('refuses batched (array) requests with 400 and runs none of them', () =>
    expectNothingWritten(async () => {
      const response = await post(server.url, [{ query: UPVOTE, variables: { id: paperIds[0] } }, { query: '{ __typename }' }], {
        authorization: writer.authorization,
      });
      expect(response.status).toBe(400);
      expect(codeOf(response)).toBe('BAD_REQUEST');
    }));

  it('answers text/plain and form bodies with 415 and does not run them (CSRF)', () =>
    expectNothingWritten(async () => {
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql']) {
        const response = await raw(server.url, {
          method: 'POST',
          headers: { 'content-type': contentType, authorization: writer.authorization },
          body: JSON.stringify({ query: UPVOTE, variables: { id: paperIds[0] } }),
        });
        expect(response.status).toBe(415);
        expect(codeOf(response)).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
    }));

  it('answers a POST without Content-Type with 415', async () => {
    const response = await raw(server.url, { method: 'POST', body: new Blob(['{"query":"{ __typename }"}']) });
    expect(response.status).toBe(415);
    expect(codeOf(response)).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a non-UTF-8 charset with 415', async () => {
    const response = await post(server.url, { query: '{ __typename }' }, { 'content-type': 'application/json; charset=latin1' });
    expect(response.status).toBe(415);
    expect(codeOf(response)).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an Accept header without JSON with 406 before executing a mutation', () =>
    expectNothingWritten(async () => {
      const response = await raw(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/html', authorization: writer.authorization },
        body: JSON.stringify({ query: UPVOTE, variables: { id: paperIds[1] } }),
      });
      expect(response.status).toBe(406);
      expect(codeOf(response)).toBe('NOT_ACCEPTABLE');
    }));

  it('answers a mutation over GET with 405 and Allow: POST, writing nothing', () =>
    expectNothingWritten(async () => {
      const search = new URLSearchParams({ query: UPVOTE, variables: JSON.stringify({ id: paperIds[0] }) });
      const response = await raw(server.url, {
        path: `/graphql?${search}`,
        headers: { authorization: writer.authorization, 'apollo-require-preflight': 'true', accept: 'application/json' },
      });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect(codeOf(response)).toBe('BAD_REQUEST');
    }));

  it('answers a GET query without a preflight header, as urql sends it, and still no mutation over GET', () =>
    expectNothingWritten(async () => {
      const response = await raw(server.url, {
        path: '/graphql?query=%7B__typename%7D',
        headers: { accept: 'application/graphql-response+json, application/json' },
      });
      expect(response.status).toBe(200);
      expect(response.json).toEqual({ data: { __typename: 'Query' } });
      const search = new URLSearchParams({ query: UPVOTE, variables: JSON.stringify({ id: paperIds[0] }) });
      const mutation = await raw(server.url, { path: `/graphql?${search}`, headers: { authorization: writer.authorization, accept: 'application/json' } });
      expect(mutation.status).toBe(405);
    }));

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE, from Content-Length or while streaming', () =>
    expectNothingWritten(async () => {
      const big = JSON.stringify({ query: UPVOTE, variables: { id: paperIds[0], pad: 'x'.repeat(10_000) } });
      const declared = await post(server.url, big, { authorization: writer.authorization });
      expect(declared.status).toBe(413);
      expect(codeOf(declared)).toBe('PAYLOAD_TOO_LARGE');
      const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          `${server.url}/graphql`,
          { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
          (res) => {
            let body = '';
            res.on('data', (chunk) => (body += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.write(big.slice(0, 3000));
        req.end(big.slice(3000));
      });
      expect(streamed.status).toBe(413);
      expect(JSON.parse(streamed.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    }));

  it('answers unknown paths and methods in JSON (404, 405)', async () => {
    const notFound = await raw(server.url, { path: '/admin' });
    expect(notFound.status).toBe(404);
    expect(codeOf(notFound)).toBe('NOT_FOUND');
    const put = await raw(server.url, { method: 'PUT', body: '{}' });
    expect(put.status).toBe(405);
    expect(codeOf(put)).toBe('METHOD_NOT_ALLOWED');
  });

  it('refuses forged tokens with 401 UNAUTHENTICATED and writes nothing', () =>
    expectNothingWritten(async () => {
      const forged = [
        'Bearer dpat_00000000_' + 'a'.repeat(43),
        `Bearer ${writer.token.slice(0, -1)}${writer.token.endsWith('A') ? 'B' : 'A'}`,
        'Bearer ',
        'Basic dXNlcjpwYXNz',
        `Bearer ${writer.token} extra`,
        'Bearer ' + 'x'.repeat(4000),
      ];
      for (const authorization of forged) {
        const response = await post(server.url, { query: UPVOTE, variables: { id: paperIds[0] } }, { authorization });
        expect(response.status).toBe(401);
        expect(codeOf(response)).toBe('UNAUTHENTICATED');
      }
    }));

  it('refuses a revoked token with 401 and writes nothing', async () => {
    const victim = await createUserWithToken(server.database.db, 'revoked');
    await new IdentityService({ db: server.database.db }).revokeToken(victim.prefix);
    await expectNothingWritten(async () => {
      const response = await post(server.url, { query: UPVOTE, variables: { id: paperIds[0] } }, { authorization: victim.authorization });
      expect(response.status).toBe(401);
      expect(codeOf(response)).toBe('UNAUTHENTICATED');
    });
  });

  it('refuses an anonymous mutation with UNAUTHENTICATED and a read-only token with FORBIDDEN', async () => {
    const reader = await createUserWithToken(server.database.db, 'reader', ['read']);
    await expectNothingWritten(async () => {
      const anonymous = await post(server.url, { query: UPVOTE, variables: { id: paperIds[0] } });
      expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
      const readOnly = await post(server.url, { query: UPVOTE, variables: { id: paperIds[0] } }, { authorization: reader.authorization });
      expect(codeOf(readOnly)).toBe('FORBIDDEN');
    });
  });

  it('answers an upvote of an unknown or malformed paper id with a coded error and writes nothing', () =>
    expectNothingWritten(async () => {
      for (const id of ['2501.99999', "2501.10000'; DROP TABLE upvotes; --", '\u0000']) {
        const response = await post(server.url, { query: UPVOTE, variables: { id } }, { authorization: writer.authorization });
        expect(['NOT_FOUND', 'BAD_USER_INPUT']).toContain(codeOf(response));
      }
    }));

  it('keeps exactly one upvote when the same user sends 20 concurrent duplicate upvotes', async () => {
    const before = await rowCounts(server.database.db);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post(server.url, { query: UPVOTE, variables: { id: paperIds[2] } }, { authorization: writer.authorization })),
    );
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.json.errors).toBeUndefined();
    }
    const after = await rowCounts(server.database.db);
    expect(after.upvotes - before.upvotes).toBe(1);
    expect(await server.database.db.prisma.upvote.count({ where: { paperId: paperIds[2] } })).toBe(1);
    const count = await post(server.url, { query: 'query($id: ID!) { paper(id: $id) { upvoteCount } }', variables: { id: paperIds[2] } });
    expect(count.json.data.paper.upvoteCount).toBe(1);
  });
});

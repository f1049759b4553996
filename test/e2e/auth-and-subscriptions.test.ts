import WebSocket from 'ws';
import { createUserWithToken } from '../support/identity-seed';
import { seedPapers } from '../support/seed';
import { postGraphQL } from '../support/graphql-client';
import { ENGINES } from '../support/services';
import { startTestServer, type TestServer } from '../support/test-server';
import { eventually, subscribe, type Subscriber } from '../support/ws-subscriber';

const UPVOTE = `mutation ($id: ID!) { upvotePaper(input: { paperId: $id }) { paper { upvoteCount viewerHasUpvoted } } }`;
const REMOVE = `mutation ($id: ID!) { removeUpvote(input: { paperId: $id }) { paper { upvoteCount } } }`;
const ON_UPVOTE = `subscription ($id: ID) { paperUpvoted(paperId: $id) { upvoteCount paper { arxivId upvoteCount viewerHasUpvoted } } }`;

/** Opens a raw graphql-transport-ws socket, sends connection_init and reports how the server answers. */
function rawInit(url: string, payload: unknown): Promise<{ acked: boolean; code?: number; reason?: string; socket: WebSocket }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'connection_ack') resolve({ acked: true, socket });
    });
    socket.on('close', (code, reason) => resolve({ acked: false, code, reason: reason.toString(), socket }));
    socket.on('error', reject);
  });
}

describe.each(ENGINES)('authentication and subscriptions over HTTP and websockets on %s', (engine) => {
  let server: TestServer;
  let papers: string[];
  let writer: Awaited<ReturnType<typeof createUserWithToken>>;
  const open: Subscriber[] = [];
  beforeAll(async () => {
    server = await startTestServer({ engine });
    papers = await seedPapers(server.app.db, 10, { baseline: 3 });
    writer = await createUserWithToken(server.app.db, 'writer');
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((subscriber) => subscriber.close()));
  });
  afterAll(() => server.close());

  it("runs mutations as the token's user", async () => {
    const result = await postGraphQL(server.url, UPVOTE, { id: papers[0] }, { authorization: writer.authorization });
    expect(result.status).toBe(200);
    expect(result.expectData().upvotePaper.paper).toEqual({ upvoteCount: 4, viewerHasUpvoted: true });
    const viewer = await postGraphQL(server.url, '{ viewer { handle } }', {}, { authorization: writer.authorization });
    expect(viewer.expectData().viewer).toEqual({ handle: writer.viewer.handle });
  });

  it('serves queries anonymously but answers an anonymous mutation with UNAUTHENTICATED and HTTP 401', async () => {
    const query = await postGraphQL(server.url, '{ viewer { handle } }');
    expect(query.expectData().viewer).toBeNull();
    const mutation = await postGraphQL(server.url, UPVOTE, { id: papers[1] });
    expect(mutation.status).toBe(401);
    mutation.expectError('UNAUTHENTICATED');
  });

  it('answers a bad, malformed or revoked token with UNAUTHENTICATED and HTTP 401, even for queries', async () => {
    const revoked = await createUserWithToken(server.app.db, 'revoked');
    await server.app.services.identity.revokeToken(revoked.prefix);
    const forged = writer.token.slice(0, -2) + (writer.token.endsWith('AA') ? 'BB' : 'AA');
    for (const authorization of [`Bearer ${forged}`, 'Bearer nonsense', 'Basic dXNlcjpwYXNz', revoked.authorization]) {
      const result = await postGraphQL(server.url, '{ viewer { handle } }', {}, { authorization });
      expect([authorization, result.status]).toEqual([authorization, 401]);
      result.expectError('UNAUTHENTICATED');
    }
  });

  it("answers a read-only token's mutation with FORBIDDEN and HTTP 403, and lets it read", async () => {
    const reader = await createUserWithToken(server.app.db, 'reader', ['read']);
    const mutation = await postGraphQL(server.url, UPVOTE, { id: papers[1] }, { authorization: reader.authorization });
    expect(mutation.status).toBe(403);
    expect(mutation.expectError('FORBIDDEN').extensions).toMatchObject({ requiredScope: 'write' });
    const query = await postGraphQL(server.url, '{ viewer { handle upvotedPapers { totalCount } } }', {}, { authorization: reader.authorization });
    expect(query.expectData().viewer).toEqual({ handle: reader.viewer.handle, upvotedPapers: { totalCount: 0 } });
  });

  it('refuses a bad token at connection_init with close code 4403 and a reason; accepts none or a good one', async () => {
    const bad = await rawInit(server.url, { authorization: 'Bearer dpat_00000000_' + 'x'.repeat(43) });
    expect(bad).toMatchObject({ acked: false, code: 4403, reason: 'Invalid token.' });
    const garbage = await rawInit(server.url, { authorization: 42 });
    expect(garbage).toMatchObject({ acked: false, code: 4403 });
    for (const payload of [{}, { authorization: writer.authorization }]) {
      const good = await rawInit(server.url, payload);
      expect(good.acked).toBe(true);
      good.socket.close();
    }
  });

  it("delivers every upvote count change of the subscribed paper, with the subscriber's own viewerHasUpvoted", async () => {
    const one = await subscribe(server.url, ON_UPVOTE, { id: papers[2] }, { authorization: writer.authorization });
    const all = await subscribe(server.url, ON_UPVOTE, {});
    open.push(one, all);
    await postGraphQL(server.url, UPVOTE, { id: papers[2] }, { authorization: writer.authorization });
    await postGraphQL(server.url, UPVOTE, { id: papers[3] }, { authorization: writer.authorization });
    await postGraphQL(server.url, REMOVE, { id: papers[2] }, { authorization: writer.authorization });
    await postGraphQL(server.url, REMOVE, { id: papers[2] }, { authorization: writer.authorization }); // no change, no event
    const events = await one.waitFor(2);
    expect(events.map((event) => event.paperUpvoted.upvoteCount)).toEqual([4, 3]);
    expect(events.every((event) => event.paperUpvoted.paper.arxivId === papers[2])).toBe(true);
    const everything = await all.waitFor(3);
    expect(everything.map((event) => [event.paperUpvoted.paper.arxivId, event.paperUpvoted.upvoteCount])).toEqual([
      [papers[2], 4],
      [papers[3], 4],
      [papers[2], 3],
    ]);
    // An anonymous subscriber's own loaders answer viewer fields: never true.
    expect(everything.map((event) => event.paperUpvoted.paper.viewerHasUpvoted)).toEqual([false, false, false]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(one.events).toHaveLength(2);
  });

  it('delivers submitted papers, filtered by day', async () => {
    const today = await subscribe(server.url, `subscription { paperSubmitted(day: "2025-02-01") { paper { arxivId title submittedBy { handle } } } }`);
    open.push(today);
    const submit = `mutation ($input: SubmitPaperInput!) { submitPaper(input: $input) { paper { arxivId } } }`;
    const input = (arxivId: string, day: string) => ({ arxivId, day, title: `T ${arxivId}`, abstract: 'A.', authors: ['Someone'] });
    await postGraphQL(server.url, submit, { input: input('2502.00001', '2025-01-31') }, { authorization: writer.authorization });
    await postGraphQL(server.url, submit, { input: input('2502.00002', '2025-02-01') }, { authorization: writer.authorization });
    const [event] = await today.waitFor(1);
    expect(event.paperSubmitted.paper).toEqual({ arxivId: '2502.00002', title: 'T 2502.00002', submittedBy: { handle: writer.viewer.handle } });
  });

  it('refuses a malformed paperId when the subscription starts', async () => {
    const bad = await subscribe(server.url, ON_UPVOTE, { id: 'not a paper' });
    open.push(bad);
    await expect(bad.waitFor(1, 3000)).rejects.toThrow(/BAD_USER_INPUT|not a Paper id/);
  });

  it('keeps delivering to live subscribers while another one stops reading, and frees everything on disconnect', async () => {
    const before = server.app.websocket.activeSubscriptions();
    const stalled = await rawInit(server.url, {});
    stalled.socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: ON_UPVOTE, variables: {} } }));
    await eventually(() => server.app.pubsub.stats().subscribers >= 1);
    (stalled.socket as unknown as { _socket: { pause(): void } })._socket.pause(); // never reads again
    const live = await Promise.all(Array.from({ length: 5 }, () => subscribe(server.url, ON_UPVOTE, { id: papers[5] })));
    await eventually(() => server.app.websocket.activeSubscriptions() === before + 6);
    const voters = await Promise.all(Array.from({ length: 20 }, (_, i) => createUserWithToken(server.app.db, `fan${i}`)));
    for (const voter of voters) await postGraphQL(server.url, UPVOTE, { id: papers[5] }, { authorization: voter.authorization });
    for (const subscriber of live) expect((await subscriber.waitFor(20, 30_000)).at(-1)!.paperUpvoted.upvoteCount).toBe(23);
    // The stalled subscription is still open (not dropped to make room): it just is not read.
    expect(server.app.websocket.activeSubscriptions()).toBe(before + 6);
    await Promise.all(live.map((subscriber) => subscriber.close()));
    stalled.socket.terminate();
    await eventually(() => server.app.websocket.activeSubscriptions() === 0 && server.app.pubsub.stats().subscribers === 0);
  });
});

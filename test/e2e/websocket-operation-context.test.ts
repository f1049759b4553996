import { STARTUP_TIMEOUT_MS } from './abuse-support';
import { createUserWithToken } from '../support/identity-seed';
import { seedPapers } from '../support/seed';
import { postGraphQL } from '../support/graphql-client';
import { ENGINES } from '../support/services';
import { startTestServer, type TestServer } from '../support/test-server';
import { openOperationSocket, type OperationSocket } from '../support/ws-operations';

const PAPER = 'query ($id: ID!) { paper(id: $id) { upvoteCount viewerHasUpvoted } }';
const UPVOTE = 'mutation ($id: ID!) { upvotePaper(input: { paperId: $id }) { paper { upvoteCount } } }';

// A graphql-ws connection may live for hours; each operation on it must see the database as it
// is now, not as a loader cache from the connection's first operation remembered it.
describe.each(ENGINES)('operations on one websocket connection on %s', (engine) => {
  let server: TestServer;
  let papers: string[];
  const sockets: OperationSocket[] = [];
  beforeAll(async () => {
    server = await startTestServer({ engine });
    papers = await seedPapers(server.app.db, 3, { first: 30000, baseline: 5 });
  }, STARTUP_TIMEOUT_MS);
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((socket) => socket.close()));
  });
  afterAll(() => server?.close());
  const open = async (params: Record<string, unknown> = {}) => {
    const socket = await openOperationSocket(server.url, params);
    sockets.push(socket);
    return socket;
  };

  it('answers the count an HTTP upvote just changed, not the count the socket saw before', async () => {
    const voter = await createUserWithToken(server.app.db, 'http-voter');
    const socket = await open();
    expect((await socket.run(PAPER, { id: papers[0] })).data?.paper.upvoteCount).toBe(5);
    const upvoted = await postGraphQL(server.url, UPVOTE, { id: papers[0] }, { authorization: voter.authorization });
    expect(upvoted.expectData().upvotePaper.paper.upvoteCount).toBe(6);
    expect((await socket.run(PAPER, { id: papers[0] })).data?.paper.upvoteCount).toBe(6);
  });

  it("keeps the connection's viewer for every operation, with answers fresh per operation", async () => {
    const voter = await createUserWithToken(server.app.db, 'ws-viewer');
    const socket = await open({ authorization: voter.authorization });
    expect((await socket.run(PAPER, { id: papers[1] })).data?.paper).toEqual({ upvoteCount: 5, viewerHasUpvoted: false });
    await postGraphQL(server.url, UPVOTE, { id: papers[1] }, { authorization: voter.authorization });
    expect((await socket.run(PAPER, { id: papers[1] })).data?.paper).toEqual({ upvoteCount: 6, viewerHasUpvoted: true });
    expect((await socket.run('{ viewer { handle } }')).data?.viewer).toEqual({ handle: voter.viewer.handle });
  });

  it('gives each operation its own request id and its own rate-limit spending', async () => {
    const socket = await open();
    const first = await socket.run('{ papers(first: 3) { totalCount } rateLimit { cost remaining } }');
    const second = await socket.run('{ rateLimit { cost remaining } }');
    expect(first.data?.rateLimit.cost).toBeGreaterThan(1);
    expect(second.data?.rateLimit).toEqual({ cost: 1, remaining: first.data?.rateLimit.remaining - 1 });
    const failures = await Promise.all([socket.run('{ papers(first: -1) { totalCount } }'), socket.run('{ papers(first: -2) { totalCount } }')]);
    const ids = failures.map((failure) => failure.errors?.[0].extensions?.requestId);
    expect(ids[0]).toEqual(expect.any(String));
    expect(ids[1]).toEqual(expect.any(String));
    expect(ids[0]).not.toBe(ids[1]);
  });
});

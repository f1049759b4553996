import type { Scenario } from '../scenario';
import { measureFanOut } from '../upvote-measures';
import { createBenchTokens } from '../upvote-users';

const SUBSCRIBERS = 1000;
const EVENTS = 20;

// 1,000 sockets come from one address here; the server's per-address cap (default 20) must allow them.
// Set before the runner starts the server process, which inherits the environment.
process.env.WS_MAX_CONNECTIONS_PER_IP ??= String(SUBSCRIBERS + 100);

/** 1,000 websocket subscribers of one paper; latency from each mutation's response to each delivery. Needs DATABASE_URL. */
export const scenario: Scenario = {
  name: `fan-out to ${SUBSCRIBERS} subscribers (per delivery)`,
  async run(fixtures, { url }) {
    const tokens = await createBenchTokens(1);
    if (!tokens) {
      console.warn('  fan-out: skipped, needs DATABASE_URL (a user is created in the database); or run npm run bench:upvotes');
      return { latenciesMs: [], errors: 0, seconds: 1 };
    }
    return measureFanOut(url, tokens[0], fixtures.paperIds[0], SUBSCRIBERS, EVENTS);
  },
};

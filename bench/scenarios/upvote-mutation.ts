import type { Scenario } from '../scenario';
import { measureUpvoteThroughput } from '../upvote-measures';
import { createBenchTokens } from '../upvote-users';

/** upvotePaper/removeUpvote alternating, one user per client, every request a write. Needs DATABASE_URL. */
export const scenario: Scenario = {
  name: 'upvote mutation',
  async run(fixtures, { url, clients, durationMs }) {
    const tokens = await createBenchTokens(clients);
    if (!tokens) {
      console.warn('  upvote mutation: skipped, needs DATABASE_URL (users are created in the database); or run npm run bench:upvotes');
      return { latenciesMs: [], errors: 0, seconds: 1 };
    }
    return measureUpvoteThroughput(url, tokens, fixtures.paperIds, durationMs);
  },
};

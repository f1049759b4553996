import type { BenchFixtures } from './scenario';
import { UPVOTE } from './upvote-measures';
import { createBenchTokens } from './upvote-users';

export interface SignedInReaders {
  /** The Authorization header of client `client` (clients share tokens round-robin). */
  headersOf(client: number): Record<string, string>;
}

const READERS = 32;
let readers: Promise<SignedInReaders> | undefined;

/**
 * Readers with tokens, created once per bench run and shared by the signed-in scenarios. Each
 * upvotes a few papers of the sampled days, so viewerHasUpvoted is sometimes true. Needs
 * DATABASE_URL: users are created in the database directly (there is no API for it).
 */
export function signedInReaders(f: BenchFixtures): Promise<SignedInReaders> {
  readers ??= (async () => {
    const tokens = await createBenchTokens(READERS);
    if (!tokens) throw new Error('signed-in scenarios need DATABASE_URL (users are created in the database)');
    for (const [n, token] of tokens.entries()) {
      for (let k = 0; k < 5; k += 1) {
        await f.graphql(UPVOTE, { id: f.paperIds[(n * 5 + k) % f.paperIds.length] }, { authorization: `Bearer ${token}` });
      }
    }
    const headers = tokens.map((token) => ({ authorization: `Bearer ${token}` }));
    return { headersOf: (client: number) => headers[client % headers.length] };
  })();
  return readers;
}

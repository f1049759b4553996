import type { Scenario } from '../scenario';
import { signedInReaders, type SignedInReaders } from '../signed-in';

export const DAY_FEED_TOKEN_QUERY = `query DayFeedSignedIn($date: Date!) { day(date: $date) { date paperCount
  papers(first: 30) { nodes { id arxivId title upvoteCount githubStars thumbnailUrl viewerHasUpvoted authors { id name } } pageInfo { hasNextPage endCursor } } } }`;

/** The home page for a signed-in reader (one token per client): never served from the response cache. */
export const scenario: Scenario = {
  name: 'day feed, signed in (+ viewerHasUpvoted)',
  floor: true,
  prepare: (f) => signedInReaders(f),
  request: (f, state, client, i) => ({
    query: DAY_FEED_TOKEN_QUERY,
    variables: { date: f.days[(client * 7 + i) % Math.min(f.days.length, 60)] },
    headers: (state as SignedInReaders).headersOf(client),
  }),
};

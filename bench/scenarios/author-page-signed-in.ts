import type { Scenario } from '../scenario';
import { signedInReaders, type SignedInReaders } from '../signed-in';

export const AUTHOR_PAGE_TOKEN_QUERY = `query AuthorSignedIn($id: ID!) { author(id: $id) { id name paperCount
  papers(first: 20) { nodes { id arxivId title upvoteCount viewerHasUpvoted day { date } authors { id name } } pageInfo { hasNextPage endCursor } } } }`;

/** An author page for a signed-in reader (one token per client): never served from the response cache. */
export const scenario: Scenario = {
  name: 'author page, signed in (+ viewerHasUpvoted)',
  floor: true,
  prepare: (f) => signedInReaders(f),
  request: (f, state, client, i) => ({
    query: AUTHOR_PAGE_TOKEN_QUERY,
    variables: { id: f.authorIds[(client * 13 + i) % f.authorIds.length] },
    headers: (state as SignedInReaders).headersOf(client),
  }),
};

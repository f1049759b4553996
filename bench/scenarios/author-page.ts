import type { Scenario } from '../scenario';

const QUERY = `query Author($id: ID!) { author(id: $id) { id name paperCount
  papers(first: 20) { nodes { id arxivId title upvoteCount day { date } authors { id name } } pageInfo { hasNextPage endCursor } } } }`;

/** An author page: the author's 20 latest papers, each with its byline (nested two levels). */
export const scenario: Scenario = {
  name: 'author page',
  request: (f, _state, client, i) => ({ query: QUERY, variables: { id: f.authorIds[(client * 13 + i) % f.authorIds.length] } }),
};

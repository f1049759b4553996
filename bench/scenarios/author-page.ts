import type { Scenario } from '../scenario';

export const AUTHOR_PAGE_QUERY = `query Author($id: ID!) { author(id: $id) { id name paperCount
  papers(first: 20) { nodes { id arxivId title upvoteCount day { date } authors { id name } } pageInfo { hasNextPage endCursor } } } }`;

/** An author page: the author's 20 latest papers, each with its byline (nested two levels). */
export const scenario: Scenario = {
  name: 'author page (20 papers + authors)',
  floor: true,
  request: (f, _state, client, i) => ({ query: AUTHOR_PAGE_QUERY, variables: { id: f.authorIds[(client * 13 + i) % f.authorIds.length] } }),
};

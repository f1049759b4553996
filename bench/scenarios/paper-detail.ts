import type { Scenario } from '../scenario';

const QUERY = `query Paper($id: ID!) { paper(id: $id) { id arxivId title abstract publishedAt day { date } upvoteCount
  githubRepo githubStars arxivUrl pdfUrl aiKeywords authorCount authors { id name handle } } }`;

/** A paper page, spread over the whole catalogue. */
export const scenario: Scenario = {
  name: 'paper detail',
  request: (f, _state, client, i) => ({ query: QUERY, variables: { id: f.paperIds[(client * 131 + i * 17) % f.paperIds.length] } }),
};

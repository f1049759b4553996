import type { BenchFixtures, Scenario } from '../scenario';

const QUERY = `query Search($q: String!) { search(query: $q, first: 20) { nodes { rank snippet highlightedTitle paper { id arxivId title upvoteCount } } pageInfo { hasNextPage endCursor } } }`;

/**
 * Queries built from real titles of the catalogue, in the four websearch forms: two words, a
 * quoted phrase, a word with an exclusion, and `or`.
 */
function searchText(f: BenchFixtures, n: number): string {
  const words = (title: string) =>
    title
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length > 3 && w !== 'for');
  const a = words(f.titles[n % f.titles.length]);
  const b = words(f.titles[(n * 7 + 3) % f.titles.length]);
  switch (n % 4) {
    case 0:
      return `${a[0]} ${a[1]}`;
    case 1:
      return `"${a[0]} ${a[1]}"`;
    case 2:
      return `${a[0]} -${b[1]}`;
    default:
      return `${a[0]} or ${b[0]}`;
  }
}

/** Ranked full-text search with snippets. */
export const scenario: Scenario = {
  name: 'search',
  request: (f, _state, client, i) => ({ query: QUERY, variables: { q: searchText(f, client * 101 + i) } }),
};

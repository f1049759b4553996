import type { Scenario } from '../scenario';

const QUERY = `query Trending($date: Date!, $by: TrendingBy!) { trending(period: WEEK, date: $date, by: $by, first: 20) {
  nodes { id arxivId title upvoteCount githubStars authors { name } } pageInfo { hasNextPage endCursor } } }`;

/** The week's trending papers, by upvotes and by GitHub stars, over recent weeks. */
export const scenario: Scenario = {
  name: 'trending week',
  request: (f, _state, client, i) => ({
    query: QUERY,
    variables: { date: f.days[((client + i) * 5) % Math.min(f.days.length, 120)], by: i % 2 ? 'GITHUB_STARS' : 'UPVOTES' },
  }),
};

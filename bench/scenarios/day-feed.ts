import type { Scenario } from '../scenario';

export const DAY_FEED_QUERY = `query DayFeed($date: Date!) { day(date: $date) { date paperCount
  papers(first: 30) { nodes { id arxivId title upvoteCount githubStars thumbnailUrl authors { id name } } pageInfo { hasNextPage endCursor } } } }`;

/** The home page: one day's 30 top papers with their authors, cycling over recent days. */
export const scenario: Scenario = {
  name: 'day feed (30 papers + authors)',
  floor: true,
  request: (f, _state, client, i) => ({ query: DAY_FEED_QUERY, variables: { date: f.days[(client * 7 + i) % Math.min(f.days.length, 60)] } }),
};

import { HF_PAPER_FRAGMENT } from '../rest/hf-queries';

/** How many featured days the daily feeds span, and the papers per day they list (a day rarely has more). */
export const FEED_DAYS = 3;
export const FEED_PAPERS_PER_DAY = 100;
/** Entries of the trending and per-author feeds. */
export const FEED_LENGTH = 50;

export const DAILY_FEED = `query FeedDaily($days: Int!, $perDay: Int!) {
  days(first: $days) { nodes { date papers(first: $perDay) { nodes { ...HfPaper } } } }
}
${HF_PAPER_FRAGMENT}`;

export const TRENDING_WEEK_FEED = `query FeedTrendingWeek($first: Int!) {
  trending(period: WEEK, first: $first) { nodes { ...HfPaper } }
}
${HF_PAPER_FRAGMENT}`;

export const AUTHOR_FEED = `query FeedAuthor($id: ID!, $first: Int!) {
  author(id: $id) { name papers(first: $first) { nodes { ...HfPaper } } }
}
${HF_PAPER_FRAGMENT}`;

// Apollo Client: the day feed paged with relayStylePagination, and an upvote that updates the
// cached paper by itself (the mutation returns the paper's id and new fields).
import { ApolloClient, HttpLink, InMemoryCache, gql, type TypedDocumentNode } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

export function createApolloClient(uri: string, token?: string) {
  return new ApolloClient({
    link: new HttpLink({ uri, headers: token ? { authorization: `Bearer ${token}` } : {} }),
    cache: new InMemoryCache({
      typePolicies: {
        // Every page of a day's feed lands in one list; `after` is not part of the cache key.
        Day: { fields: { papers: relayStylePagination() } },
        Query: { fields: { papers: relayStylePagination(['filter', 'orderBy']) } },
      },
    }),
  });
}

// Hand-written result types; codegen (below) writes these for you.
interface FeedPaper {
  id: string;
  arxivId: string;
  title: string;
  upvoteCount: number;
  viewerHasUpvoted: boolean;
}
export interface DayFeed {
  day: {
    id: string;
    date: string;
    papers: { edges: Array<{ cursor: string; node: FeedPaper }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  } | null;
}

export const DAY_FEED: TypedDocumentNode<DayFeed, { date: string; first: number; after?: string | null }> = gql`
  query DayFeed($date: Date!, $first: Int!, $after: String) {
    day(date: $date) {
      id
      date
      papers(first: $first, after: $after) {
        edges {
          cursor
          node {
            id
            arxivId
            title
            upvoteCount
            viewerHasUpvoted
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

export const UPVOTE: TypedDocumentNode<{ upvotePaper: { paper: Pick<FeedPaper, 'id' | 'upvoteCount' | 'viewerHasUpvoted'> } }, { paperId: string }> = gql`
  mutation Upvote($paperId: ID!) {
    upvotePaper(input: { paperId: $paperId }) {
      paper {
        id
        upvoteCount
        viewerHasUpvoted
      }
    }
  }
`;

// urql with its defaults: queries go out as GET (within the URL length limit), which this API
// accepts without extra headers (docs/clients.md, "CSRF"); mutations go out as POST.
import { Client, cacheExchange, fetchExchange, gql } from '@urql/core';

export function createUrqlClient(url: string, token?: string) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return new Client({ url, exchanges: [cacheExchange, fetchExchange], fetchOptions: () => ({ headers }) });
}

export const SEARCH = gql`
  query Search($query: String!) {
    search(query: $query, first: 5) {
      totalCount
      nodes {
        rank
        paper {
          id
          arxivId
          title
        }
      }
    }
  }
`;

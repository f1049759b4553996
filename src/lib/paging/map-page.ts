import type { Page } from './page';

/** The same page with each node turned into another shape (cursors and counts unchanged, still lazy). */
export function mapPage<From, To>(page: Page<From>, nodeOf: (node: From) => To): Page<To> {
  const nodes = page.nodes.map(nodeOf);
  return {
    edges: page.edges.map((edge, i) => ({
      node: nodes[i],
      get cursor() {
        return edge.cursor;
      },
    })),
    nodes,
    pageInfo: page.pageInfo,
    totalCount: page.totalCount,
  };
}

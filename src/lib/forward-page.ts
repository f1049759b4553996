import { lazy } from './lazy';
import type { Page } from './page';

/**
 * A forward page from up to limit + 1 rows read after a cursor (or from the start): the extra row
 * only says that another page exists. Nested connections batched by a loader build their pages
 * here, so every connection reports pageInfo the same way.
 */
export function forwardPage<Row, Node>(options: {
  readonly rows: readonly Row[];
  readonly limit: number;
  readonly afterCursor: boolean;
  readonly nodeOf: (row: Row) => Node;
  readonly cursorOf: (row: Row) => string;
  readonly count: () => Promise<number>;
}): Page<Node> {
  const pageRows = options.rows.slice(0, options.limit);
  const edges = pageRows.map((row) => ({ node: options.nodeOf(row), cursor: options.cursorOf(row) }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: options.rows.length > options.limit,
      hasPreviousPage: options.afterCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: lazy(options.count),
  };
}

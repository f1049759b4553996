import { lazy } from '../lazy';
import type { Page, PageRequest } from './page';

/**
 * The one page builder: every connection's Page comes from here, so pageInfo means the same
 * everywhere. `rows` are as read for the request (see KeysetSeek): in reading order, up to
 * limit + 1, the extra row only saying that another page exists in the reading direction. A
 * backward page is flipped back into the connection's order. totalCount runs `count` only when
 * a client selects it (lib/lazy.ts).
 */
export function buildPage<Row, Node = Row>(options: {
  readonly rows: readonly Row[];
  readonly request: PageRequest;
  readonly cursorOf: (row: Row) => string;
  readonly count: () => Promise<number>;
  readonly nodeOf?: (row: Row) => Node;
}): Page<Node> {
  const { rows, request } = options;
  const forward = request.direction === 'forward';
  const hasCursor = (forward ? request.after : request.before) !== undefined;
  const hasMore = rows.length > request.limit;
  const pageRows = rows.slice(0, request.limit);
  if (!forward) pageRows.reverse();
  const nodeOf = options.nodeOf ?? ((row: Row) => row as unknown as Node);
  const edges = pageRows.map((row) => new Edge(nodeOf(row), row, options.cursorOf));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: forward ? hasMore : hasCursor,
      hasPreviousPage: forward ? hasCursor : hasMore,
      startCursor: pageRows.length > 0 ? options.cursorOf(pageRows[0]) : null,
      endCursor: pageRows.length > 0 ? options.cursorOf(pageRows[pageRows.length - 1]) : null,
    },
    totalCount: lazy(options.count),
  };
}

/**
 * An edge whose cursor is encoded when read: most clients select `nodes` and `pageInfo`, and
 * encoding every row's cursor (JSON, then base64) was work thrown away on every page.
 */
class Edge<Row, Node> {
  constructor(
    readonly node: Node,
    private readonly row: Row,
    private readonly encode: (row: Row) => string,
  ) {}

  get cursor(): string {
    return this.encode(this.row);
  }
}

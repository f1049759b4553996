/** What services return for a connection; schema/common/connection.ts gives it its GraphQL shape. */
export interface Page<T> {
  readonly edges: ReadonlyArray<{ readonly cursor: string; readonly node: T }>;
  /** The edges' nodes, for clients that need no cursors. */
  readonly nodes: readonly T[];
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
  /** Counted only when awaited, i.e. when a client selects totalCount (see lib/lazy.ts). */
  readonly totalCount: PromiseLike<number>;
}

export interface ForwardPageRequest {
  readonly direction: 'forward';
  readonly limit: number;
  readonly after?: string;
}

/** Pagination arguments after validation (lib/paging/page-request.ts): exactly one direction. */
export type PageRequest = ForwardPageRequest | { readonly direction: 'backward'; readonly limit: number; readonly before?: string };

export interface ConnectionArgsInput {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

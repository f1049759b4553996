/** What a scenario may look up before the load starts (ids that exist in the database). */
export interface BenchFixtures {
  /** Featured days, newest first ("YYYY-MM-DD"). */
  readonly days: readonly string[];
  /** arXiv ids spread over the catalogue. */
  readonly paperIds: readonly string[];
  /** Titles of those papers, for search terms that exist in the catalogue. */
  readonly titles: readonly string[];
  /** Author global ids of prolific authors. */
  readonly authorIds: readonly string[];
  /** POSTs a GraphQL operation to the server under test (for setup, not measured). */
  graphql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<any>;
}

/** One request a virtual client sends; `i` counts that client's requests, for variety. */
export interface BenchRequest {
  /** A GraphQL operation, POSTed to /graphql. Ignored when `path` is given. */
  readonly query?: string;
  /** A GET of this path instead (REST, feeds, pages), e.g. "/api/daily_papers?date=2025-01-15". */
  readonly path?: string;
  readonly variables?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

/**
 * A benchmark scenario: one file in bench/scenarios exporting `scenario`. The runner picks up
 * every file there, so adding a scenario (an upvote mutation, a websocket fan-out with its own
 * `run`) is one small file.
 */
export interface Scenario {
  readonly name: string;
  /** The floor (bench/floor.ts) answers this scenario's requests too, so the table has a floor row for it. */
  readonly floor?: boolean;
  /** Optional setup (create users, tokens); its result is handed to `request`. */
  prepare?(fixtures: BenchFixtures): Promise<unknown>;
  /** The next HTTP GraphQL request of client `client`. */
  request?(fixtures: BenchFixtures, state: unknown, client: number, i: number): BenchRequest;
  /** For non-HTTP scenarios: drive the load yourself and return latencies in ms. */
  run?(
    fixtures: BenchFixtures,
    options: { url: string; clients: number; durationMs: number },
  ): Promise<{ latenciesMs: number[]; errors: number; seconds: number }>;
}

// The importer's unit of work: feed parsers (src/import/) produce it, db/queries/paper-import.ts writes it.
/** One paper as every feed parser hands it to the writer: validated, normalised, versionless id. */
export interface ImportRecord {
  readonly arxivId: string;
  readonly title: string;
  readonly abstract: string;
  /** First arXiv version; null when the feed does not say. */
  readonly publishedAt: Date | null;
  /** YYYY-MM-DD (UTC) of the day the paper was featured. */
  readonly featuredDay: string;
  /** The feed's upvote count, the paper's imported baseline; null leaves a stored baseline alone. */
  readonly upvotes: number | null;
  readonly githubRepo: string | null;
  readonly githubStars: number | null;
  readonly projectPage: string | null;
  readonly thumbnailUrl: string | null;
  readonly mediaUrls: readonly string[];
  readonly aiSummary: string | null;
  readonly aiKeywords: readonly string[];
  readonly numComments: number | null;
  readonly withdrawnAt: Date | null;
  readonly submittedBy: ImportUser | null;
  readonly submittedAt: Date | null;
  readonly authors: readonly ImportAuthor[];
}

export interface ImportAuthor {
  readonly name: string;
  /** The linked account's stable id when the feed links the byline to one. */
  readonly externalId: string | null;
  readonly handle: string | null;
  readonly hidden: boolean;
}

export interface ImportUser {
  readonly handle: string;
  readonly displayName: string | null;
  readonly avatarUrl: string | null;
}

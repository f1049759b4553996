// The GraphQL operations behind the Hugging Face-compatible routes. Named, so metrics and request
// logs show REST traffic as RestDailyPapers, RestPaper, … beside the GraphQL operations.

/** Every paper field the REST items, feeds and pages show. */
export const HF_PAPER_FRAGMENT = `fragment HfPaper on Paper {
  arxivId title abstract publishedAt submittedAt githubRepo githubStars projectPage thumbnailUrl mediaUrls
  aiSummary aiKeywords numComments withdrawnAt upvoteCount updatedAt arxivUrl pdfUrl
  day { date }
  authors { id name }
  authorsHidden
  submittedBy { id handle displayName avatarUrl }
}`;

export const DAILY_PAPERS = `query RestDailyPapers($first: Int!, $after: String, $filter: PaperFilter, $orderBy: PaperOrder) {
  papers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { pageInfo { endCursor hasNextPage } nodes { ...HfPaper } }
}
${HF_PAPER_FRAGMENT}`;

/** Walks past earlier pages for `p` > 0 (there is no offset paging): cursors only. */
export const DAILY_PAPERS_SKIP = `query RestDailyPapersSkip($first: Int!, $after: String, $filter: PaperFilter, $orderBy: PaperOrder) {
  papers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { pageInfo { endCursor hasNextPage } }
}`;

export const PAPER = `query RestPaper($id: ID!) { paper(id: $id) { ...HfPaper } }
${HF_PAPER_FRAGMENT}`;

export const SEARCH = `query RestSearch($query: String!, $first: Int!, $after: String) {
  search(query: $query, first: $first, after: $after) { pageInfo { endCursor hasNextPage } nodes { paper { ...HfPaper } } }
}
${HF_PAPER_FRAGMENT}`;

/** A paper as HF_PAPER selects it, in the JSON GraphQL returns. */
export interface GqlPaper {
  readonly arxivId: string;
  readonly title: string;
  readonly abstract: string;
  readonly publishedAt: string | null;
  readonly submittedAt: string | null;
  readonly githubRepo: string | null;
  readonly githubStars: number | null;
  readonly projectPage: string | null;
  readonly thumbnailUrl: string | null;
  readonly mediaUrls: string[];
  readonly aiSummary: string | null;
  readonly aiKeywords: string[];
  readonly numComments: number | null;
  readonly withdrawnAt: string | null;
  readonly upvoteCount: number;
  readonly updatedAt: string;
  readonly arxivUrl: string;
  readonly pdfUrl: string;
  readonly day: { readonly date: string };
  readonly authors: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly authorsHidden: readonly boolean[];
  readonly submittedBy: { readonly id: string; readonly handle: string; readonly displayName: string | null; readonly avatarUrl: string | null } | null;
}

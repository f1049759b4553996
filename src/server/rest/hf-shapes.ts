import type { GqlPaper } from './hf-queries';

// Our records in the Hub's JSON shapes (hf-papers-api.openapi-excerpt.json). The Hub omits an
// optional field rather than sending null, so a client's type checks see a string or nothing.

type Json = Record<string, unknown>;

/** When the paper was featured: its submission time, else midnight UTC of its featured day. */
export function featuredAt(paper: GqlPaper): string {
  return paper.submittedAt ?? `${paper.day.date}T00:00:00.000Z`;
}

function hfUser(user: NonNullable<GqlPaper['submittedBy']>): Json {
  return {
    _id: user.id,
    avatarUrl: user.avatarUrl ?? '',
    fullname: user.displayName ?? user.handle,
    isPro: false,
    name: user.handle,
    type: 'user',
    user: user.handle,
  };
}

const present = (entries: Record<string, unknown>): Json =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== null && value !== undefined));

/** The `paper` object of a daily item. `publishedAt` is the arXiv time, falling back to the featured time when unknown. */
export function hfPaper(paper: GqlPaper): Json {
  return present({
    id: paper.arxivId,
    // Every name with its flag, as the Hub's API returns them (the byline rule, lib/byline.ts).
    authors: paper.authors.map((author, i) => ({ _id: author.id, name: author.name, hidden: paper.authorsHidden[i] ?? false })),
    mediaUrls: paper.mediaUrls,
    publishedAt: paper.publishedAt ?? featuredAt(paper),
    submittedOnDailyAt: featuredAt(paper),
    title: paper.title,
    submittedOnDailyBy: paper.submittedBy && hfUser(paper.submittedBy),
    summary: paper.abstract,
    upvotes: paper.upvoteCount,
    withdrawnAt: paper.withdrawnAt,
    // There are no discussions here; the arXiv id is the stable handle a client can key on.
    discussionId: paper.arxivId,
    projectPage: paper.projectPage,
    githubRepo: paper.githubRepo,
    ai_summary: paper.aiSummary,
    ai_keywords: paper.aiKeywords,
    githubStars: paper.githubStars,
  });
}

/** GET /api/papers/{id}: the paper object with the Hub's linked-repository fields (none here). */
export function hfPaperDetail(paper: GqlPaper): Json {
  return { ...hfPaper(paper), linkedModels: [], numTotalModels: 0, linkedDatasets: [], numTotalDatasets: 0, linkedSpaces: [], numTotalSpaces: 0 };
}

/** One item of GET /api/daily_papers (and of /api/papers/search). */
export function hfDailyItem(paper: GqlPaper): Json {
  return present({
    paper: hfPaper(paper),
    publishedAt: featuredAt(paper),
    title: paper.title,
    summary: paper.abstract,
    mediaUrls: paper.mediaUrls,
    thumbnail: paper.thumbnailUrl ?? '',
    numComments: paper.numComments ?? 0,
    // Omitted (not null) for papers whose source named no submitter; huggingface_hub reads it as optional.
    submittedBy: paper.submittedBy && hfUser(paper.submittedBy),
    isAuthorParticipating: false,
  });
}

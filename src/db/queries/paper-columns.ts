import { Prisma } from '../generated/client';
import type { PaperCard } from '../records';

/** Every papers column under its Prisma name, so raw rows have the PaperRecord shape. */
export const PAPER_COLUMNS = Prisma.raw(`p.id, p.title, p.abstract, p.published_at AS "publishedAt", p.day_date AS "dayDate",
  p.upvote_count AS "upvoteCount", p.imported_upvote_count AS "importedUpvoteCount", p.github_repo AS "githubRepo",
  p.github_stars AS "githubStars", p.project_page AS "projectPage", p.thumbnail_url AS "thumbnailUrl",
  p.media_urls AS "mediaUrls", p.ai_summary AS "aiSummary", p.ai_keywords AS "aiKeywords", p.num_comments AS "numComments",
  p.withdrawn_at AS "withdrawnAt", p.submitted_by_id AS "submittedById", p.submitted_at AS "submittedAt",
  p.created_at AS "createdAt", p.updated_at AS "updatedAt"`);

/** Each PaperCard field's column; typed so that the card and its columns cannot drift apart. */
const CARD_COLUMNS: { readonly [Field in keyof PaperCard]-?: string } = {
  id: 'p.id',
  title: 'p.title',
  publishedAt: 'p.published_at',
  dayDate: 'p.day_date',
  upvoteCount: 'p.upvote_count',
  importedUpvoteCount: 'p.imported_upvote_count',
  githubRepo: 'p.github_repo',
  githubStars: 'p.github_stars',
  projectPage: 'p.project_page',
  thumbnailUrl: 'p.thumbnail_url',
  numComments: 'p.num_comments',
  withdrawnAt: 'p.withdrawn_at',
};

/** The PaperCard columns (db/records.ts) under their Prisma names, for pages of papers as lists show them. */
export const PAPER_CARD_COLUMNS = Prisma.raw(
  Object.entries(CARD_COLUMNS)
    .map(([field, column]) => `${column} AS "${field}"`)
    .join(', '),
);

/** SQL column of each Prisma field that paper orderings sort on. */
export const ORDER_COLUMNS: Readonly<Record<string, string>> = {
  id: 'p.id',
  dayDate: 'p.day_date',
  upvoteCount: 'p.upvote_count',
  publishedAt: 'p.published_at',
  githubStars: 'p.github_stars',
};

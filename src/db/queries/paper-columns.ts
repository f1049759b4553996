import { Prisma } from '../generated/client';

/** Every papers column under its Prisma name, so raw rows have the PaperRecord shape. */
export const PAPER_COLUMNS = Prisma.raw(`p.id, p.title, p.abstract, p.published_at AS "publishedAt", p.day_date AS "dayDate",
  p.upvote_count AS "upvoteCount", p.imported_upvote_count AS "importedUpvoteCount", p.github_repo AS "githubRepo",
  p.github_stars AS "githubStars", p.project_page AS "projectPage", p.thumbnail_url AS "thumbnailUrl",
  p.media_urls AS "mediaUrls", p.ai_summary AS "aiSummary", p.ai_keywords AS "aiKeywords", p.num_comments AS "numComments",
  p.withdrawn_at AS "withdrawnAt", p.submitted_by_id AS "submittedById", p.submitted_at AS "submittedAt",
  p.created_at AS "createdAt", p.updated_at AS "updatedAt"`);

/** SQL column of each Prisma field that paper orderings sort on. */
export const ORDER_COLUMNS: Readonly<Record<string, string>> = {
  id: 'p.id',
  dayDate: 'p.day_date',
  upvoteCount: 'p.upvote_count',
  publishedAt: 'p.published_at',
  githubStars: 'p.github_stars',
};

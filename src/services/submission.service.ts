import { requireScope } from '../auth/require-scope';
import type { RequestContext } from '../context';
import type { Db, PrismaTx } from '../db/client';
import type { PaperRecord } from '../db/records';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors/errors';
import { authorMatchKey } from '../lib/author-match-key';
import { toGlobalId } from '../lib/global-id';
import type { AppPubSub } from '../pubsub/create-pubsub';
import { publishSafely } from '../pubsub/publish-safely';
import { Topic } from '../pubsub/topics';
import { isUniqueViolation } from '../db/database-error';
import { emitWebhookEvent } from '../db/queries/webhook-outbox';
import { WebhookEventType } from './webhook-events';
import { optionalUrl, validateSubmission, type SubmitPaperFields, type ValidSubmission } from './submission-input';
import { requirePaperId } from './id-arguments';
import type { Logger } from '../observability/logger';
import { dayDate } from '../lib/day';

export interface PaperLinksInput {
  readonly paperId: string;
  /** undefined leaves the link as it is; null (or "") removes it. */
  readonly githubRepo?: string | null;
  readonly projectPage?: string | null;
}

export class SubmissionService {
  constructor(private readonly deps: { db: Db; pubsub: AppPubSub; log: Logger; now?: () => Date }) {}

  /**
   * Records a paper submitted by the viewer, with its byline. Authors join existing Author rows
   * by the importer's match key (exact name). CONFLICT with existingId when the arXiv id exists.
   */
  async submit(ctx: RequestContext, input: SubmitPaperFields): Promise<PaperRecord> {
    const viewer = requireScope(ctx.viewer, 'write');
    const submission = validateSubmission(input, this.now());
    const existing = await ctx.loaders.paperById.load(submission.arxivId);
    if (existing) throw conflict(existing.id);
    let paper: PaperRecord;
    try {
      paper = await this.deps.db.prisma.$transaction((tx) => insertSubmission(tx, submission, viewer.userId, this.now()));
    } catch (error) {
      // Another submission of the same id committed between our check and our insert.
      if (isUniqueViolation(error)) throw conflict(submission.arxivId);
      throw error;
    }
    ctx.loaders.paperById.clear(paper.id).prime(paper.id, paper);
    ctx.loaders.authorsByPaperId.clear(paper.id);
    await publishSafely(this.deps.pubsub, ctx.log, Topic.PaperSubmitted, { paperId: paper.id, day: submission.day });
    return paper;
  }

  /** Changes a paper's links; only the user who submitted the paper may. */
  async updateLinks(ctx: RequestContext, input: PaperLinksInput): Promise<PaperRecord> {
    const viewer = requireScope(ctx.viewer, 'write');
    const paperId = requirePaperId(input.paperId);
    const githubRepo = optionalUrl('githubRepo', input.githubRepo, true);
    const projectPage = optionalUrl('projectPage', input.projectPage, true);
    const paper = await this.deps.db.prisma.paper.findUnique({ where: { id: paperId } });
    if (!paper) throw new NotFoundError('Paper', paperId);
    if (paper.submittedById !== viewer.userId) throw new ForbiddenError('Only the user who submitted this paper may change its links.');
    const data = { ...(githubRepo !== undefined && { githubRepo }), ...(projectPage !== undefined && { projectPage }) };
    const updated = Object.keys(data).length === 0 ? paper : await this.deps.db.prisma.paper.update({ where: { id: paperId }, data });
    ctx.loaders.paperById.clear(paperId).prime(paperId, updated);
    return updated;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}

function conflict(arxivId: string): ConflictError {
  return new ConflictError(`Paper ${arxivId} already exists; see extensions.existingId.`, toGlobalId('Paper', arxivId));
}

async function insertSubmission(tx: PrismaTx, submission: ValidSubmission, userId: number, now: Date): Promise<PaperRecord> {
  const day = dayDate(submission.day);
  await tx.$executeRaw`/* submitDay */ INSERT INTO days (date) VALUES (${day}::date) ON CONFLICT (date) DO NOTHING`;
  const paper = await tx.paper.create({
    data: {
      id: submission.arxivId,
      title: submission.title,
      abstract: submission.abstract,
      publishedAt: submission.publishedAt,
      dayDate: day,
      githubRepo: submission.githubRepo,
      projectPage: submission.projectPage,
      submittedById: userId,
      submittedAt: now,
    },
  });
  const keys = submission.authors.map((name) => authorMatchKey({ name, externalId: null }));
  const unique = [...new Set(keys)].sort();
  const names = unique.map((key) => key.slice('name:'.length));
  // Sorted, like the importer, so concurrent writers lock author rows in the same order.
  await tx.$executeRaw`/* submitAuthors */
    INSERT INTO authors (name, match_key) SELECT * FROM unnest(${names}::text[], ${unique}::text[])
    ON CONFLICT (match_key) DO NOTHING`;
  const rows = await tx.$queryRaw<Array<{ id: number; matchKey: string }>>`/* submitAuthorIds */
    SELECT id, match_key AS "matchKey" FROM authors WHERE match_key = ANY(${unique}::text[])`;
  const idByKey = new Map(rows.map((row) => [row.matchKey, row.id]));
  await tx.paperAuthor.createMany({
    data: keys.map((key, position) => ({ paperId: paper.id, position, authorId: idByKey.get(key)! })),
  });
  const submitter = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { handle: true } });
  await emitWebhookEvent(tx, WebhookEventType.PAPER_SUBMITTED, `paper.submitted:${paper.id}`, {
    paperId: paper.id,
    title: paper.title,
    day: submission.day,
    submittedBy: submitter.handle,
  });
  return paper;
}

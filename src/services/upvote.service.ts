import { requireScope } from '../auth/require-scope';
import type { RequestContext } from '../context';
import type { Db } from '../db/client';
import { keysetPage } from '../db/queries/keyset';
import type { PaperRecord, UserRecord } from '../db/records';
import { NotFoundError } from '../errors/errors';
import { cursorDate, cursorString, seekOf, type KeysetOrdering } from '../lib/paging/keyset';
import type { ConnectionArgsInput, Page } from '../lib/paging/page';
import { toForwardPageRequest, toPageRequest } from '../lib/paging/page-request';
import { UPVOTERS } from '../loaders/upvote.loaders';
import type { Logger } from '../observability/logger';
import type { AppPubSub } from '../pubsub/create-pubsub';
import { publishSafely } from '../pubsub/publish-safely';
import { Topic, type PaperUpvotedPayload } from '../pubsub/topics';
import { primePapers } from './paper-pages';
import { requirePaperId } from './id-arguments';

type UpvoteWithPaper = { createdAt: Date; paperId: string; paper: PaperRecord };

const UPVOTED_PAPERS: KeysetOrdering<UpvoteWithPaper> = {
  kind: 'upvotedPapers',
  keys: [
    { field: 'createdAt', direction: 'desc', read: (row) => row.createdAt.toISOString(), parse: cursorDate },
    { field: 'paperId', direction: 'desc', read: (row) => row.paperId, parse: cursorString },
  ],
};

// Prisma's default 2 s wait for a transaction's connection fails bursts of votes on one paper
// (they queue on its row lock while holding pool connections); the pool's own connect timeout
// still bounds the wait.
const WRITE_TRANSACTION = { maxWait: 10_000, timeout: 10_000 };

export interface UpvoteDeps {
  readonly db: Db;
  readonly pubsub: AppPubSub;
  readonly log: Logger;
}

export class UpvoteService {
  // One database read per event per instance, however many subscribers receive it: the paper
  // is public data, and every subscriber's fresh loader set is primed from the same read.
  private readonly eventPapers = new WeakMap<object, Promise<PaperRecord | null>>();

  constructor(private readonly deps: UpvoteDeps) {}

  /** Upvotes as the viewer. Idempotent: a second upvote changes nothing and publishes nothing. */
  async upvote(ctx: RequestContext, paperIdArgument: string): Promise<PaperRecord> {
    const viewer = requireScope(ctx.viewer, 'write');
    const paperId = requirePaperId(paperIdArgument);
    const { prisma } = this.deps.db;
    const [inserted, paper] = await prisma.$transaction(
      [
        prisma.$executeRaw`/* upvotePaper */
        INSERT INTO upvotes (user_id, paper_id) SELECT ${viewer.userId}, id FROM papers WHERE id = ${paperId}
        ON CONFLICT (user_id, paper_id) DO NOTHING`,
        prisma.paper.findUnique({ where: { id: paperId } }),
      ],
      WRITE_TRANSACTION,
    );
    return this.afterWrite(ctx, paperId, paper, true, inserted > 0);
  }

  /** Withdraws the viewer's upvote. Idempotent: removing a missing upvote changes nothing. */
  async removeUpvote(ctx: RequestContext, paperIdArgument: string): Promise<PaperRecord> {
    const viewer = requireScope(ctx.viewer, 'write');
    const paperId = requirePaperId(paperIdArgument);
    const { prisma } = this.deps.db;
    const [deleted, paper] = await prisma.$transaction(
      [
        prisma.$executeRaw`/* removeUpvote */ DELETE FROM upvotes WHERE user_id = ${viewer.userId} AND paper_id = ${paperId}`,
        prisma.paper.findUnique({ where: { id: paperId } }),
      ],
      WRITE_TRANSACTION,
    );
    return this.afterWrite(ctx, paperId, paper, false, deleted > 0);
  }

  /** Papers the viewer upvoted, most recent upvote first. */
  async upvotedPapers(ctx: RequestContext, args: ConnectionArgsInput): Promise<Page<PaperRecord>> {
    const viewer = requireScope(ctx.viewer, 'read');
    const request = toPageRequest(args);
    const { prisma } = this.deps.db;
    const where = { userId: viewer.userId };
    const page = await keysetPage({
      ordering: UPVOTED_PAPERS,
      request,
      where,
      find: (query) => prisma.upvote.findMany({ ...query, select: { createdAt: true, paperId: true, paper: true } }),
      count: () => prisma.upvote.count({ where }),
      nodeOf: (row) => row.paper,
    });
    primePapers(ctx, page.nodes);
    return page;
  }

  /** Users who upvoted the paper here, newest upvote first (imported upvotes have no users). */
  upvoters(ctx: RequestContext, paperId: string, args: { first?: number | null; after?: string | null }): Promise<Page<UserRecord>> {
    const request = toForwardPageRequest(args);
    return ctx.loaders.upvotersByPaper.load({ paperId, request, seek: seekOf(UPVOTERS, request) });
  }

  /** A paperId argument as a versionless arXiv id; BAD_USER_INPUT naming paperId when malformed. */
  paperIdOf(argument: string): string {
    return requirePaperId(argument);
  }

  /** The paper an upvote event is about, read once per event and primed into the subscriber's loaders. */
  async paperForEvent(ctx: RequestContext, event: PaperUpvotedPayload): Promise<PaperRecord> {
    let paper = this.eventPapers.get(event);
    if (!paper) {
      paper = this.deps.db.prisma.paper.findUnique({ where: { id: event.paperId } });
      this.eventPapers.set(event, paper);
    }
    const record = await paper;
    if (!record) throw new NotFoundError('Paper', event.paperId);
    ctx.loaders.paperById.prime(record.id, record);
    return record;
  }

  // The count is read in the write's transaction: the trigger's UPDATE holds the paper's row
  // lock until commit, so the published count is exactly the one this change produced.
  private async afterWrite(ctx: RequestContext, paperId: string, paper: PaperRecord | null, upvoted: boolean, changed: boolean): Promise<PaperRecord> {
    if (!paper) throw new NotFoundError('Paper', paperId);
    // Later fields of this response (and of a batched operation) must see the write.
    ctx.loaders.paperById.clear(paperId).prime(paperId, paper);
    ctx.loaders.viewerHasUpvoted.clear(paperId).prime(paperId, upvoted);
    ctx.loaders.localUpvoteCountByPaperId.clear(paperId);
    ctx.loaders.upvotersByPaper.clearAll();
    if (changed) await publishSafely(this.deps.pubsub, ctx.log, Topic.PaperUpvoted, { paperId, upvoteCount: paper.upvoteCount });
    return paper;
  }
}

import type { RequestContext } from '../context';
import type { Db } from '../db/client';
import { NO_EXTRAS, type PaperPageExtras } from '../loaders/paper.loaders';
import { keysetPage } from '../db/queries/keyset';
import type { AuthorRecord, PaperCard } from '../db/records';
import { BadUserInputError } from '../errors/errors';
import { cursorInteger, cursorString, type KeysetOrdering } from '../lib/paging/keyset';
import type { ConnectionArgsInput, Page } from '../lib/paging/page';
import { toPageRequest } from '../lib/paging/page-request';
import { authorIdFromArgument } from './id-arguments';
import { papersOfParent } from './paper-pages';
import type { PaperListArgs } from './paper.service';

const BY_NAME: KeysetOrdering<AuthorRecord> = {
  kind: 'author:NAME',
  keys: [
    { field: 'name', direction: 'asc', read: (a) => a.name, parse: cursorString },
    { field: 'id', direction: 'asc', read: (a) => a.id, parse: cursorInteger },
  ],
};

export interface AuthorsArgs extends ConnectionArgsInput {
  readonly search?: string | null;
}

/** LIKE treats % and _ as wildcards; a name search must match them literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class AuthorService {
  constructor(private readonly deps: { db: Db }) {}

  async findById(ctx: RequestContext, id: string): Promise<AuthorRecord | null> {
    const authorId = authorIdFromArgument(id);
    return authorId === null ? null : ctx.loaders.authorById.load(authorId);
  }

  /** Authors by name (A→Z, ties by id); `search` matches anywhere in the name, ignoring case. */
  list(_ctx: RequestContext, args: AuthorsArgs): Promise<Page<AuthorRecord>> {
    const request = toPageRequest(args);
    const search = args.search?.trim();
    if (args.search != null && !search) throw new BadUserInputError('search', '"search" must not be blank; omit it to list all authors.');
    const where = search ? { name: { contains: escapeLike(search), mode: 'insensitive' as const } } : {};
    const { prisma } = this.deps.db;
    return keysetPage({
      ordering: BY_NAME,
      request,
      where,
      find: (query) => prisma.author.findMany(query),
      count: () => prisma.author.count({ where }),
    });
  }

  paperCount(ctx: RequestContext, authorId: number): Promise<number> {
    return ctx.loaders.paperCountByAuthorId.load(authorId);
  }

  /** An author's papers, newest featured day first unless `orderBy` says otherwise; batched across authors. */
  papers(ctx: RequestContext, authorId: number, args: PaperListArgs, extras: PaperPageExtras = NO_EXTRAS): Promise<Page<PaperCard>> {
    return papersOfParent(ctx, 'author', authorId, args, 'FEATURED_DAY', extras);
  }
}

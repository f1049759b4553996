import DataLoader from 'dataloader';
import type { Db } from '../db/client';
import type { AuthorRecord, PaperCard, PaperRecord, UserRecord } from '../db/records';
import type { Page } from '../lib/paging/page';
import { authorsById, authorsByPaperId, type BylineAuthor } from './author.loaders';
import { daysByDate, type DayRow } from './day.loaders';
import {
  paperCountsByAuthor,
  paperCountsByDay,
  papersById,
  papersOfParent,
  papersOfParentCacheKey,
  type PaperExtrasSink,
  type PapersOfParentKey,
} from './paper.loaders';
import { localUpvoteCounts, upvotedByUser, upvotersByPaper, upvotersCacheKey, type UpvotersKey } from './upvote.loaders';
import { usersById } from './user.loaders';

/** The viewer a request runs for; loaders that answer per viewer key their caches by it. */
export interface LoaderViewer {
  readonly userId: number;
}

/**
 * One set per request (and per subscription event), built after authentication so that a
 * viewer-specific cache never serves another user.
 *
 * Each loader is created on first use: a request touches two or three of the twelve, and
 * building all of them for every request was measurable garbage on the hot path (a DataLoader
 * allocates its cache map and batch state up front).
 */
export class Loaders {
  constructor(
    private readonly db: Db,
    private readonly viewer: LoaderViewer | null,
  ) {}

  #paperById?: DataLoader<string, PaperRecord | null>;
  get paperById() {
    return (this.#paperById ??= new DataLoader((ids: readonly string[]) => papersById(this.db, ids)));
  }

  #authorsByPaperId?: DataLoader<string, BylineAuthor[]>;
  /** Paper pages that bring their bylines along prime it (papersOfParent), so it often never batches. */
  get authorsByPaperId() {
    return (this.#authorsByPaperId ??= new DataLoader((ids: readonly string[]) => authorsByPaperId(this.db, ids)));
  }

  #authorById?: DataLoader<number, AuthorRecord | null>;
  get authorById() {
    return (this.#authorById ??= new DataLoader(async (ids: readonly number[]) => {
      const found = await authorsById(this.db, ids);
      return found.map((row) => {
        if (!row) return null;
        this.paperCountByAuthorId.prime(row.author.id, row.paperCount);
        return row.author;
      });
    }));
  }

  #dayByDate?: DataLoader<string, DayRow | null>;
  get dayByDate() {
    return (this.#dayByDate ??= new DataLoader(async (dates: readonly string[]) => {
      const days = await daysByDate(this.db, dates);
      for (const day of days) if (day) this.paperCountByDay.prime(day.date, day.paperCount);
      return days;
    }));
  }

  #paperCountByAuthorId?: DataLoader<number, number>;
  get paperCountByAuthorId() {
    return (this.#paperCountByAuthorId ??= new DataLoader((ids: readonly number[]) => paperCountsByAuthor(this.db, ids)));
  }

  #paperCountByDay?: DataLoader<string, number>;
  get paperCountByDay() {
    return (this.#paperCountByDay ??= new DataLoader((days: readonly string[]) => paperCountsByDay(this.db, days)));
  }

  #papersOfParent?: DataLoader<PapersOfParentKey, Page<PaperCard>, string>;
  get papersOfParent() {
    return (this.#papersOfParent ??= new DataLoader(
      (keys: readonly PapersOfParentKey[]) =>
        papersOfParent(
          this.db,
          keys,
          (key) => (key.parent === 'author' ? this.paperCountByAuthorId.load(Number(key.parentId)) : this.paperCountByDay.load(String(key.parentId))),
          this.extrasSink(),
        ),
      { cacheKeyFn: papersOfParentCacheKey },
    ));
  }

  /** A page primes the loaders its nodes' fields read: the papers themselves, bylines, upvotes. */
  private extrasSink(): PaperExtrasSink {
    return {
      viewerId: this.viewer?.userId ?? null,
      byline: (paperId, authors) => void this.authorsByPaperId.prime(paperId, authors),
      upvoted: (paperId, upvoted) => void this.viewerHasUpvoted.prime(paperId, upvoted),
      record: (paper) => void this.paperById.prime(paper.id, paper),
    };
  }

  #userById?: DataLoader<number, UserRecord | null>;
  get userById() {
    return (this.#userById ??= new DataLoader((ids: readonly number[]) => usersById(this.db, ids)));
  }

  #viewerHasUpvoted?: DataLoader<string, boolean>;
  get viewerHasUpvoted() {
    const { viewer } = this;
    return (this.#viewerHasUpvoted ??= new DataLoader((ids: readonly string[]) =>
      viewer ? upvotedByUser(this.db, viewer.userId, ids) : Promise.resolve(ids.map(() => false)),
    ));
  }

  #localUpvoteCountByPaperId?: DataLoader<string, number>;
  get localUpvoteCountByPaperId() {
    return (this.#localUpvoteCountByPaperId ??= new DataLoader((ids: readonly string[]) => localUpvoteCounts(this.db, ids)));
  }

  #upvotersByPaper?: DataLoader<UpvotersKey, Page<UserRecord>, string>;
  get upvotersByPaper() {
    return (this.#upvotersByPaper ??= new DataLoader(
      (keys: readonly UpvotersKey[]) => upvotersByPaper(this.db, keys, (id) => this.localUpvoteCountByPaperId.load(id)),
      { cacheKeyFn: upvotersCacheKey },
    ));
  }
}

export function createLoaders(db: Db, viewer: LoaderViewer | null): Loaders {
  return new Loaders(db, viewer);
}

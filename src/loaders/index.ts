import DataLoader from 'dataloader';
import type { Db } from '../db/client';
import { authorsById, authorsByPaperId } from './author.loaders';
import { daysByDate } from './day.loaders';
import { paperCountsByAuthor, paperCountsByDay, papersById, papersOfParent, papersOfParentCacheKey, type PapersOfParentKey } from './paper.loaders';
import { localUpvoteCounts, upvotedByUser, upvotersByPaper, upvotersCacheKey, type UpvotersKey } from './upvote.loaders';
import { usersById } from './user.loaders';

/** The viewer a request runs for; loaders that answer per viewer key their caches by it. */
export interface LoaderViewer {
  readonly userId: number;
}

/**
 * One set per request (and per subscription event), built after authentication so that a
 * viewer-specific cache never serves another user.
 */
export function createLoaders(db: Db, viewer: LoaderViewer | null) {
  const localUpvoteCountByPaperId = new DataLoader((ids: readonly string[]) => localUpvoteCounts(db, ids));
  const paperCountByAuthor = new DataLoader((ids: readonly number[]) => paperCountsByAuthor(db, ids));
  const paperCountByDayDate = new DataLoader((days: readonly string[]) => paperCountsByDay(db, days));
  return {
    paperById: new DataLoader((ids: readonly string[]) => papersById(db, ids)),
    authorsByPaperId: new DataLoader((ids: readonly string[]) => authorsByPaperId(db, ids)),
    authorById: new DataLoader(async (ids: readonly number[]) => {
      const found = await authorsById(db, ids);
      return found.map((row) => {
        if (!row) return null;
        paperCountByAuthor.prime(row.author.id, row.paperCount);
        return row.author;
      });
    }),
    dayByDate: new DataLoader(async (dates: readonly string[]) => {
      const days = await daysByDate(db, dates);
      for (const day of days) if (day) paperCountByDayDate.prime(day.date, day.paperCount);
      return days;
    }),
    paperCountByAuthorId: paperCountByAuthor,
    paperCountByDay: paperCountByDayDate,
    papersOfParent: new DataLoader(
      (keys: readonly PapersOfParentKey[]) =>
        papersOfParent(db, keys, (key) => (key.parent === 'author' ? paperCountByAuthor.load(Number(key.parentId)) : paperCountByDayDate.load(String(key.parentId)))),
      { cacheKeyFn: papersOfParentCacheKey },
    ),
    userById: new DataLoader((ids: readonly number[]) => usersById(db, ids)),
    viewerHasUpvoted: new DataLoader((ids: readonly string[]) =>
      viewer ? upvotedByUser(db, viewer.userId, ids) : Promise.resolve(ids.map(() => false))),
    localUpvoteCountByPaperId,
    upvotersByPaper: new DataLoader(
      (keys: readonly UpvotersKey[]) => upvotersByPaper(db, keys, (id) => localUpvoteCountByPaperId.load(id)),
      { cacheKeyFn: upvotersCacheKey },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

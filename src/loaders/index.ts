import DataLoader from 'dataloader';
import type { Db } from '../db/client';
import { authorsByPaperId } from './author.loaders';
import { papersById } from './paper.loaders';

/** The viewer a request runs for; loaders that answer per viewer key their caches by it. */
export interface LoaderViewer {
  readonly userId: number;
}

/**
 * One set per request (and per subscription event), built after authentication so that a
 * viewer-specific cache never serves another user.
 */
export function createLoaders(db: Db, _viewer: LoaderViewer | null) {
  return {
    paperById: new DataLoader((ids: readonly string[]) => papersById(db, ids)),
    authorsByPaperId: new DataLoader((ids: readonly string[]) => authorsByPaperId(db, ids)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

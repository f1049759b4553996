import type { Db } from '../db/client';
import type { Logger } from '../observability/logger';
import { PaperService } from './paper.service';

export interface ServiceDeps {
  readonly db: Db;
  readonly log: Logger;
}

/** Builds every domain service once per process. */
export function createServices(deps: ServiceDeps) {
  return {
    papers: new PaperService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;

// One way to seed papers in tests. Quick rows (a count on one day, no authors) for tests about
// paging, upvotes and limits; full records through the importer (bylines, links, days) for tests
// about what readers show.
import type { Db } from '../../src/db/client';
import type { ImportRecord } from '../../src/db/import-record';
import { importRecords } from '../../src/import/import-papers';
import { dayDate } from '../../src/lib/day';

export interface QuickPapers {
  /** The featured day, "YYYY-MM-DD"; 2025-01-15 by default. */
  readonly day?: string;
  /** The first id's number: ids are "2501.0xxxx" from here on (10000 by default). */
  readonly first?: number;
  /** Every paper's imported upvote baseline; i % 7 for the i-th paper by default. */
  readonly baseline?: number;
}

/** `count` papers featured on one day, without authors; returns their ids in order. */
export async function seedPapers(db: Db, count: number, options?: QuickPapers): Promise<string[]>;
/** Full records through the importer, exactly as a feed would store them; returns their ids. */
export async function seedPapers(db: Db, records: readonly ImportRecord[]): Promise<string[]>;
export async function seedPapers(db: Db, what: number | readonly ImportRecord[], options: QuickPapers = {}): Promise<string[]> {
  if (typeof what !== 'number') {
    await importRecords(db, [...what]);
    return what.map((record) => record.arxivId);
  }
  const day = dayDate(options.day ?? '2025-01-15');
  await db.prisma.day.upsert({ where: { date: day }, create: { date: day }, update: {} });
  const ids = Array.from({ length: what }, (_, i) => `2501.${String((options.first ?? 10000) + i).padStart(5, '0')}`);
  await db.prisma.paper.createMany({
    data: ids.map((id, i) => ({ id, title: `Paper ${id}`, abstract: `Abstract of ${id}.`, dayDate: day, importedUpvoteCount: options.baseline ?? i % 7 })),
  });
  return ids;
}

/** A feed record with the fields a test cares about; the rest empty, every author shown. */
export function paper(arxivId: string, featuredDay: string, upvotes: number, title: string, authors: string[], githubRepo: string | null = null): ImportRecord {
  return {
    arxivId,
    title,
    abstract: `Abstract of ${title}.`,
    publishedAt: null,
    featuredDay,
    upvotes,
    githubRepo,
    githubStars: null,
    projectPage: null,
    thumbnailUrl: null,
    mediaUrls: [],
    aiSummary: null,
    aiKeywords: [],
    numComments: null,
    withdrawnAt: null,
    submittedBy: null,
    submittedAt: null,
    authors: authors.map((name) => ({ name, externalId: null, handle: null, hidden: false })),
  };
}

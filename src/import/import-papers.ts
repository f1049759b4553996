import type { Db } from '../db/client';
import { isConcurrencyConflict } from '../db/database-error';
import { prepareBatch, tuneImportTransaction, writePaperBatch, type BatchOutcome, type BatchResult, type PreparedBatch } from '../db/queries/paper-import';
import { BatchWriters } from './batch-writers';
import type { ImportRecord } from '../db/import-record';
import type { ParsedRecord } from './parsed-record';
import { RecordError } from './record-error';

export type { ParsedRecord } from './parsed-record';

export interface SkippedRecord {
  readonly source?: string;
  readonly position: number;
  readonly reason: string;
}

export interface ImportSummary {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  /** How many records were refused; the first ones are listed in skipped. */
  skippedCount: number;
  skipped: SkippedRecord[];
  /** True when a signal stopped the import between two batches. */
  interrupted: boolean;
}

export interface ImportOptions {
  /** Records per transaction (default 1000). */
  readonly batchSize?: number;
  /**
   * Batches written at once, each in its own transaction on its own connection (default 2 on
   * PostgreSQL, 1 on PGlite, which has one connection). Batches that share a paper still commit
   * in input order.
   */
  readonly concurrency?: number;
  /** Abort on the first bad record; nothing is written (the whole import is one transaction). */
  readonly strict?: boolean;
  /** How many skipped records to list in the summary (default 100); all are counted. */
  readonly maxListedSkips?: number;
  /** Stops the import after the batch in flight; the summary says interrupted. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (summary: Readonly<ImportSummary>) => void;
}

export function emptySummary(): ImportSummary {
  return { read: 0, created: 0, updated: 0, unchanged: 0, skippedCount: 0, skipped: [], interrupted: false };
}

// A batch that loses a race with a concurrent import (deadlock, serialization failure, a unique
// key taken between our read and our write: isConcurrencyConflict) is retried whole: it is one
// transaction, so nothing of the failed attempt remains.
const ATTEMPTS = 4;
const MAX_KNOWN_AUTHORS = 500_000;

/**
 * Writes parsed records in batches, each batch one transaction, so a crash leaves whole batches
 * and re-running completes the job (upserts are idempotent). With strict, the first bad record
 * throws it and the one transaction around the whole import rolls back: nothing is written.
 * Memory stays bounded by the batch size in both modes.
 */
export async function importRecords(
  db: Db,
  records: AsyncIterable<ParsedRecord> | Iterable<ParsedRecord>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 1000;
  const maxListed = options.maxListedSkips ?? 100;
  const summary = emptySummary();
  const add = (outcome: BatchOutcome) => {
    summary.created += outcome.created;
    summary.updated += outcome.updated;
    summary.unchanged += outcome.unchanged;
    options.onProgress?.(summary);
  };
  const skip = (error: RecordError) => {
    summary.skippedCount += 1;
    if (summary.skipped.length < maxListed) summary.skipped.push({ source: error.source, position: error.position, reason: error.reason });
  };

  // Author ids learned from committed batches, so recurring authors are not looked up again.
  // Bounded: past the cap it starts over, which costs lookups, never correctness.
  const knownAuthorIds = new Map<string, number>();
  const remember = (result: BatchResult) => {
    if (knownAuthorIds.size > MAX_KNOWN_AUTHORS) knownAuthorIds.clear();
    for (const [key, id] of result.lookedUpAuthorIds) knownAuthorIds.set(key, id);
    add(result);
  };

  if (options.strict) {
    // Long enough for any feed: the transaction lives as long as the input takes to read.
    await db.transaction(
      async (tx) => {
        await tuneImportTransaction(tx);
        // One transaction, so one batch at a time; parsing the next batch overlaps with writing this one.
        const writers = new BatchWriters(1);
        const write = (pending: ImportRecord[]) => {
          const prepared = prepareBatch(pending);
          return writers.write(
            pending.map((r) => r.arxivId),
            () => writePaperBatch(tx, prepared, knownAuthorIds).then(remember),
          );
        };
        let batch: ImportRecord[] = [];
        try {
          for await (const record of records) {
            summary.read += 1;
            if (record instanceof RecordError) throw record;
            batch.push(record);
            if (batch.length >= batchSize) {
              await write(batch);
              batch = [];
            }
            if (options.signal?.aborted) throw new Error('import interrupted; nothing was written (--strict)');
          }
          await write(batch);
        } finally {
          // The rollback must not race a statement still running in the transaction.
          await writers.settle();
        }
        await writers.finish();
      },
      { timeoutMs: 24 * 3600_000 },
    );
    return summary;
  }

  const writers = new BatchWriters(options.concurrency ?? (db.engine === 'pglite' ? 1 : 2));
  let batch: ImportRecord[] = [];
  const flush = async () => {
    if (batch.length > 0) {
      // Prepared while the writers are busy: a writer that frees up starts on the database at once.
      const prepared = prepareBatch(batch);
      await writers.write(
        batch.map((r) => r.arxivId),
        () => writeWithRetry(db, prepared, knownAuthorIds).then(remember),
      );
    }
    batch = [];
  };
  try {
    for await (const record of records) {
      summary.read += 1;
      if (record instanceof RecordError) skip(record);
      else batch.push(record);
      if (batch.length >= batchSize) await flush();
      if (options.signal?.aborted) {
        summary.interrupted = true;
        break;
      }
    }
  } catch (error) {
    // An unreadable input still lets the batches already in the database finish.
    await writers.settle();
    throw error;
  }
  await flush();
  await writers.finish();
  options.onProgress?.(summary);
  return summary;
}

async function writeWithRetry(db: Db, batch: PreparedBatch, knownAuthorIds: Map<string, number>): Promise<BatchResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(async (tx) => {
        await tuneImportTransaction(tx);
        return writePaperBatch(tx, batch, knownAuthorIds);
      });
    } catch (error) {
      // A remembered author that no longer exists would fail every later batch: forget them all.
      knownAuthorIds.clear();
      if (attempt >= ATTEMPTS || !isConcurrencyConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt * Math.random()));
    }
  }
}

import type { Db } from '../db/client';
import { writePaperBatch } from '../db/queries/paper-import';
import type { ImportRecord } from './import-record';
import { RecordError } from './record-error';

export interface ImportSummary {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: Array<{ position: number; reason: string }>;
}

export interface ImportOptions {
  readonly batchSize?: number;
  /** Abort on the first bad record; nothing is written (the whole import is one transaction). */
  readonly strict?: boolean;
  readonly onProgress?: (summary: Readonly<ImportSummary>) => void;
}

/** A parsed record, or the reason its source record was refused. */
export type ParsedRecord = ImportRecord | RecordError;

export function emptySummary(): ImportSummary {
  return { read: 0, created: 0, updated: 0, unchanged: 0, skipped: [] };
}

/**
 * Writes parsed records in batches, each batch one transaction, so a crash leaves whole batches
 * and re-running completes the job (upserts are idempotent). With strict, the first bad record
 * throws and the single surrounding transaction writes nothing.
 */
export async function importRecords(
  db: Db,
  records: AsyncIterable<ParsedRecord> | Iterable<ParsedRecord>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 500;
  const summary = emptySummary();
  if (options.strict) {
    const all: ImportRecord[] = [];
    for await (const record of records) {
      summary.read += 1;
      if (record instanceof RecordError) throw record;
      all.push(record);
    }
    await db.prisma.$transaction(async (tx) => {
      for (let i = 0; i < all.length; i += batchSize) addOutcome(summary, await writePaperBatch(tx, all.slice(i, i + batchSize)));
    }, { timeout: 600_000, maxWait: 30_000 });
    options.onProgress?.(summary);
    return summary;
  }
  let batch: ImportRecord[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const pending = batch;
    batch = [];
    addOutcome(summary, await db.prisma.$transaction((tx) => writePaperBatch(tx, pending), { timeout: 120_000, maxWait: 30_000 }));
    options.onProgress?.(summary);
  };
  for await (const record of records) {
    summary.read += 1;
    if (record instanceof RecordError) summary.skipped.push({ position: record.position, reason: record.reason });
    else batch.push(record);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return summary;
}

function addOutcome(summary: ImportSummary, outcome: { created: number; updated: number; unchanged: number }): void {
  summary.created += outcome.created;
  summary.updated += outcome.updated;
  summary.unchanged += outcome.unchanged;
}

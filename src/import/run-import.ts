import type { Db } from '../db/client';
import { readFeed } from './feed-reader';
import type { FeedSource } from './feed-sources';
import { emptySummary, importRecords, type ImportOptions, type ImportSummary } from './import-papers';
import type { ParsedRecord } from './parsed-record';
import { FeedError, RecordError } from './record-error';

export interface RunImportOptions extends ImportOptions {
  /** Featured day (YYYY-MM-DD) for records that carry none (--day). */
  readonly defaultDay?: string;
  /** Called with the size of every chunk read, for progress. */
  readonly onBytes?: (bytes: number) => void;
  /** Called when the import moves on to the next input. */
  readonly onSource?: (source: FeedSource) => void;
}

/** The records of every source in turn; with several sources a skipped record names its file. */
async function* recordsOf(sources: readonly FeedSource[], options: RunImportOptions): AsyncGenerator<ParsedRecord> {
  for (const source of sources) {
    options.onSource?.(source);
    try {
      for await (const record of readFeed(source.open(), { defaultDay: options.defaultDay, onBytes: options.onBytes })) {
        yield record instanceof RecordError ? record.withSource(source.name) : record;
      }
    } catch (error) {
      if (error instanceof FeedError && !error.source) throw new FeedError(error.message, source.name);
      if ((error as NodeJS.ErrnoException).code) throw new FeedError((error as Error).message, source.name);
      throw error;
    }
  }
}

/** Imports every source in order through one importer, so batches span file boundaries. */
export function runImport(db: Db, sources: readonly FeedSource[], options: RunImportOptions = {}): Promise<ImportSummary> {
  return importRecords(db, recordsOf(sources, options), options);
}

/** Parses and validates every source without touching a database (--dry-run). */
export async function validateSources(sources: readonly FeedSource[], options: RunImportOptions = {}): Promise<ImportSummary> {
  const summary = emptySummary();
  const maxListed = options.maxListedSkips ?? 100;
  for await (const record of recordsOf(sources, options)) {
    summary.read += 1;
    if (record instanceof RecordError) {
      if (options.strict) throw record;
      summary.skippedCount += 1;
      if (summary.skipped.length < maxListed) summary.skipped.push({ source: record.source, position: record.position, reason: record.reason });
    } else {
      summary.unchanged += 1;
    }
    if (summary.read % 1000 === 0) options.onProgress?.(summary);
    if (options.signal?.aborted) {
      summary.interrupted = true;
      break;
    }
  }
  options.onProgress?.(summary);
  return summary;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/client';
import { parseHfItem } from './hf-daily';
import { importRecords, type ImportSummary, type ParsedRecord } from './import-papers';
import { RecordError } from './record-error';

export const DEMO_FILE = join(__dirname, '..', '..', 'demo', 'daily-papers.json');

/**
 * The listing page the demo comes from is dated December 11, 2025. Three of its papers show no
 * date line; they are featured on that page date, and their publication date stays unknown (null).
 */
export const DEMO_PAGE_DAY = '2025-12-11';

export function parseDemoFile(file = DEMO_FILE): ParsedRecord[] {
  const items = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
  return items.map((item, index) => {
    try {
      return parseHfItem(item, index + 1, { defaultDay: DEMO_PAGE_DAY });
    } catch (error) {
      if (error instanceof RecordError) return error;
      throw error;
    }
  });
}

/** Loads the demo papers through the importer, only when the database holds no paper yet. */
export async function seedDemoIfEmpty(db: Db): Promise<ImportSummary | null> {
  if ((await db.prisma.paper.count()) > 0) return null;
  return importRecords(db, parseDemoFile());
}

import type { ImportRecord } from '../db/import-record';
import type { RecordError } from './record-error';

/** A parsed record, or the reason its source record was refused. */
export type ParsedRecord = ImportRecord | RecordError;

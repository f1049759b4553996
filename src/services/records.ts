// The records services hand out, under the names the schema layer may import: schema/ describes
// them but never reaches into db/ (the layer table in docs/architecture.md).
export type { ApiTokenRecord, AuthorRecord, AuthorSummary, DayRecord, PaperCard, PaperRecord, UserRecord } from '../db/records';

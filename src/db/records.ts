// Database rows as services hand them around. Records are not GraphQL types: the schema layer
// describes them, it does not extend them.
export type { ApiToken as ApiTokenRecord, Author as AuthorRecord, Day as DayRecord, Paper as PaperRecord, User as UserRecord } from './generated/client';

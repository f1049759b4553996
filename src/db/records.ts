// Database rows as services hand them around. Records are not GraphQL types: the schema layer
// describes them, it does not extend them.
import type { Author, Paper } from './generated/client';

export type { ApiToken as ApiTokenRecord, Author as AuthorRecord, Day as DayRecord, Paper as PaperRecord, User as UserRecord } from './generated/client';

/**
 * What every read of an author brings: all the schema's Author shows or needs to load more
 * (its papers and count go by id). Bylines carry only this; a whole AuthorRecord per byline
 * entry (a timestamp to parse into a Date, the match key) was work no response used.
 */
export type AuthorSummary = Pick<Author, 'id' | 'name' | 'handle'>;

/**
 * A paper as a list shows it (a feed, an author's page): every column but the long or rarely
 * listed ones (abstract, media, AI summary and keywords, submission and bookkeeping times). A page
 * whose nodes select nothing else reads only these (db/queries/paper-columns.ts): the day feed's
 * server CPU fell by a quarter without the rest to transfer and parse.
 */
export type PaperCard = Pick<
  Paper,
  | 'id'
  | 'title'
  | 'publishedAt'
  | 'dayDate'
  | 'upvoteCount'
  | 'importedUpvoteCount'
  | 'githubRepo'
  | 'githubStars'
  | 'projectPage'
  | 'thumbnailUrl'
  | 'numComments'
  | 'withdrawnAt'
>;

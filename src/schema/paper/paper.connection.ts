import type { GraphQLResolveInfo } from 'graphql';
import { ObjectType } from 'type-graphql';
import type { PaperPageExtras } from '../../loaders/paper.loaders';
import { Connection } from '../common/connection';
import { namesSelectedOnNodes } from '../common/node-selection';
import { Paper } from './paper.type';

@ObjectType({ description: 'A page of papers.' })
export class PaperConnection extends Connection(Paper, 'Paper') {}

/**
 * The Paper fields a PaperCard row answers (db/records.ts): those reading only its columns, or
 * only the paper's id. A field not listed here (abstract, mediaUrls, createdAt, submittedBy, any
 * field added later) makes the page read every column. test/integration/paper-cards.test.ts
 * checks each listed field against the whole record.
 */
export const CARD_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'arxivId',
  'title',
  'publishedAt',
  'day',
  'upvoteCount',
  'githubRepo',
  'githubStars',
  'projectPage',
  'thumbnailUrl',
  'numComments',
  'withdrawnAt',
  'arxivUrl',
  'pdfUrl',
  'authors',
  'authorsHidden',
  'authorCount',
  'viewerHasUpvoted',
  'upvoters',
]);

/**
 * What the statement reading a page of papers should bring along, from what the page's nodes
 * select: the byline (read by `authors`, `authorsHidden`, `authorCount`), the viewer's upvote,
 * and every column only when some selected field needs more than the card.
 */
export function paperPageExtras(info: GraphQLResolveInfo): PaperPageExtras {
  const selected = namesSelectedOnNodes(info);
  return {
    bylines: selected.has('authors') || selected.has('authorsHidden') || selected.has('authorCount'),
    viewerHasUpvoted: selected.has('viewerHasUpvoted'),
    columns: [...selected].every((name) => CARD_FIELDS.has(name)) ? 'card' : 'all',
  };
}

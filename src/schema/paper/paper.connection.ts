import type { GraphQLResolveInfo } from 'graphql';
import { ObjectType } from 'type-graphql';
import type { PaperPageExtras } from '../../loaders/paper.loaders';
import { Connection } from '../common/connection';
import { selectedOnNodes } from '../common/node-selection';
import { Paper } from './paper.type';

@ObjectType({ description: 'A page of papers.' })
export class PaperConnection extends Connection(Paper, 'Paper') {}

/**
 * What the statement reading a page of papers should bring along, from what the page's nodes
 * select: the byline (read by `authors`, `authorsHidden`, `authorCount`) and the viewer's upvote.
 */
export function paperPageExtras(info: GraphQLResolveInfo): PaperPageExtras {
  const selected = selectedOnNodes(info, ['authors', 'authorsHidden', 'authorCount', 'viewerHasUpvoted']);
  return { bylines: selected.authors || selected.authorsHidden || selected.authorCount, viewerHasUpvoted: selected.viewerHasUpvoted };
}

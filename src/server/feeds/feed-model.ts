import { paperUrl } from '../../digest/compose';
import type { GqlPaper } from '../rest/hf-queries';
import { featuredAt } from '../rest/hf-shapes';
import { bylineOf, shownNames } from '../../lib/byline';

/** A feed before it is written as RSS or Atom. */
export interface Feed {
  readonly title: string;
  readonly description: string;
  /** The feed's own URL (its Atom id and rel="self" link). */
  readonly selfUrl: string;
  /** The newest change of any entry; the feed's Last-Modified. */
  readonly updated: Date;
  readonly entries: readonly FeedEntry[];
}

export interface FeedEntry {
  /** The paper's page: the entry's link and its stable id/guid. */
  readonly url: string;
  readonly title: string;
  readonly summary: string;
  readonly authors: readonly string[];
  /** When the paper was featured. */
  readonly published: Date;
  readonly updated: Date;
  readonly categories: readonly string[];
}

// An empty feed still needs an `updated`; the epoch says "nothing yet" and never looks newer than a real entry.
const NOTHING_YET = new Date(0);

export function feedEntry(paper: GqlPaper, publicBaseUrl: string): FeedEntry {
  return {
    url: paperUrl({ publicBaseUrl }, paper.arxivId),
    title: paper.title,
    summary: paper.abstract,
    authors: shownNames(bylineOf(paper.authors, paper.authorsHidden)),
    published: new Date(featuredAt(paper)),
    updated: new Date(paper.updatedAt),
    categories: paper.aiKeywords,
  };
}

export function feedOf(head: Omit<Feed, 'updated' | 'entries'>, papers: readonly GqlPaper[], publicBaseUrl: string): Feed {
  const entries = papers.map((paper) => feedEntry(paper, publicBaseUrl));
  const updated = entries.reduce((newest, entry) => (entry.updated > newest ? entry.updated : newest), NOTHING_YET);
  return { ...head, updated, entries };
}

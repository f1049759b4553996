import { parseArxivId } from '../lib/arxiv-id';
import type { ImportAuthor, ImportRecord, ImportUser } from '../db/import-record';
import { isoDay } from '../lib/day';
import { FieldReader, isObject, oneLine, type Json } from './json-fields';
import { RecordError } from './record-error';

// Parses items of the Hugging Face Hub's /api/daily_papers (and single /api/papers/{id} objects)
// field by field after ../shared/data/hf-papers-api.openapi-excerpt.json. Unknown fields are
// ignored, missing optional ones become null, and a wrong type in a field we read rejects the
// record with the field's name.

export interface HfParseOptions {
  /** Featured day (YYYY-MM-DD) for items that carry neither submittedOnDailyAt nor a top-level date. */
  readonly defaultDay?: string;
}

// Hub "user overview": name is the account handle, fullname the display name.
function user(read: FieldReader, value: Json | null): ImportUser | null {
  if (!value) return null;
  const handle = read.string(value, 'name') ?? read.string(value, 'user');
  if (!handle) return null;
  return { handle, displayName: read.string(value, 'fullname'), avatarUrl: read.string(value, 'avatarUrl') };
}

function author(read: FieldReader, value: unknown): ImportAuthor {
  if (!isObject(value)) read.fail(`${read.label('').replace(/\.$/, '')} must be an object`);
  const name = read.string(value, 'name');
  if (!name) read.fail(`${read.label('name')} is missing`);
  // status ("claimed_verified", "admin_validated", …) only says how the link below was made;
  // it is type-checked so a malformed author is reported, and otherwise not stored.
  read.string(value, 'status');
  const linked = read.object(value, 'user');
  const account = linked ? read.nested('user.') : null;
  return {
    name: oneLine(name),
    externalId: linked && account ? account.string(linked, '_id') : null,
    handle: linked && account ? (account.string(linked, 'user') ?? account.string(linked, 'name')) : null,
    hidden: read.boolean(value, 'hidden') ?? false,
  };
}

/**
 * One daily-papers item ({ paper, publishedAt, … }) or paper object ({ id, title, … }) to an
 * ImportRecord. The featured day is the UTC date of paper.submittedOnDailyAt; older dumps lack it
 * and then the item's top-level publishedAt was the featured date; else options.defaultDay; else
 * the paper's publication date.
 */
export function parseHfItem(raw: unknown, position: number, options: HfParseOptions = {}): ImportRecord {
  if (!isObject(raw)) throw new RecordError(position, `expected a JSON object, got ${Array.isArray(raw) ? 'a list' : JSON.stringify(raw)?.slice(0, 40)}`);
  const item = isObject(raw.paper) ? raw : null;
  const paper = item ? (raw.paper as Json) : raw;
  const top: FieldReader = new FieldReader(position);
  const read: FieldReader = item ? top.nested('paper.') : top;

  const rawId = paper.id;
  if (rawId === undefined || rawId === null || rawId === '') read.fail(`${read.label('id')} is missing`);
  if (typeof rawId !== 'string') read.fail(`${read.label('id')} must be a string, got ${JSON.stringify(rawId)}`);
  const arxivId = parseArxivId(rawId);
  if (!arxivId) read.fail(`${read.label('id')} ${JSON.stringify(rawId.slice(0, 60))} is not an arXiv id`);

  const title = read.string(paper, 'title') ?? (item ? top.string(item, 'title') : null);
  if (!title) read.fail(`${read.label('title')} is missing`);
  const abstract = read.string(paper, 'summary') ?? (item ? top.string(item, 'summary') : null) ?? '';

  const publishedAt = read.date(paper, 'publishedAt');
  const submittedAt = read.date(paper, 'submittedOnDailyAt');
  // Until 2024 the Hub put the featured date in the item's publishedAt; today it repeats the
  // arXiv publication time there, so it must never win over submittedOnDailyAt.
  const itemDate = item ? top.date(item, 'publishedAt') : null;
  const featuredDay = submittedAt ? isoDay(submittedAt) : itemDate ? isoDay(itemDate) : (options.defaultDay ?? (publishedAt ? isoDay(publishedAt) : null));
  if (!featuredDay) read.fail('no featured day: neither submittedOnDailyAt nor publishedAt is set; pass --day');

  const authors = read.list(paper, 'authors').map((value, index) => author(read.nested(`authors[${index}].`), value));
  return {
    arxivId,
    title: oneLine(title),
    abstract: oneLine(abstract),
    publishedAt,
    featuredDay,
    upvotes: read.count(paper, 'upvotes'),
    githubRepo: read.string(paper, 'githubRepo'),
    githubStars: read.count(paper, 'githubStars'),
    projectPage: read.string(paper, 'projectPage'),
    thumbnailUrl: item ? top.string(item, 'thumbnail') : read.string(paper, 'thumbnailUrl'),
    mediaUrls: [...new Set([...read.strings(paper, 'mediaUrls'), ...(item ? top.strings(item, 'mediaUrls') : [])])],
    aiSummary: read.string(paper, 'ai_summary'),
    aiKeywords: read.strings(paper, 'ai_keywords'),
    numComments: item ? top.count(item, 'numComments') : null,
    withdrawnAt: read.date(paper, 'withdrawnAt'),
    submittedBy:
      user(read.nested('submittedOnDailyBy.'), read.object(paper, 'submittedOnDailyBy')) ??
      (item ? user(top.nested('submittedBy.'), top.object(item, 'submittedBy')) : null),
    submittedAt,
    authors,
  };
}

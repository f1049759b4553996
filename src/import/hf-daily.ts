import { parseArxivId } from '../lib/arxiv-id';
import type { ImportAuthor, ImportRecord, ImportUser } from './import-record';
import { RecordError } from './record-error';

// Parses items of the Hugging Face Hub's /api/daily_papers (and single /api/papers/{id} objects)
// field by field after ../shared/data/hf-papers-api.openapi-excerpt.json. Unknown fields are
// ignored; a wrong type in a field we read rejects the record with the field's name.

export interface HfParseOptions {
  /** Featured day for items that carry neither submittedOnDailyAt nor a top-level date. */
  readonly defaultDay?: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(position: number, reason: string): never {
  throw new RecordError(position, reason);
}

function optionalString(obj: Json, field: string, position: number, label = field): string | null {
  const value = obj[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') fail(position, `${label} must be a string`);
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function optionalNumber(obj: Json, field: string, position: number, label = field): number | null {
  const value = obj[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail(position, `${label} must be a non-negative integer`);
  return value;
}

function optionalDate(obj: Json, field: string, position: number, label = field): Date | null {
  const text = optionalString(obj, field, position, label);
  if (text === null) return null;
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text)) fail(position, `${label} is not an ISO date: "${text}"`);
  return date;
}

function stringList(obj: Json, field: string, position: number, label = field): string[] {
  const value = obj[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) fail(position, `${label} must be a list of strings`);
  return value.map((item) => item.trim()).filter((item) => item !== '');
}

function user(value: unknown, position: number, label: string): ImportUser | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) fail(position, `${label} must be an object`);
  const handle = optionalString(value, 'name', position, `${label}.name`) ?? optionalString(value, 'user', position, `${label}.user`);
  if (!handle) return null;
  return {
    handle,
    displayName: optionalString(value, 'fullname', position, `${label}.fullname`),
    avatarUrl: optionalString(value, 'avatarUrl', position, `${label}.avatarUrl`),
  };
}

function authors(value: unknown, position: number): ImportAuthor[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(position, 'paper.authors must be a list');
  return value.map((author, index) => {
    const label = `paper.authors[${index}]`;
    if (!isObject(author)) fail(position, `${label} must be an object`);
    const name = optionalString(author, 'name', position, `${label}.name`);
    if (!name) fail(position, `${label}.name is missing`);
    const linked = author.user;
    if (linked !== undefined && linked !== null && !isObject(linked)) fail(position, `${label}.user must be an object`);
    const externalId = isObject(linked) ? optionalString(linked, '_id', position, `${label}.user._id`) : null;
    const handle = isObject(linked) ? (optionalString(linked, 'user', position, `${label}.user.user`) ?? optionalString(linked, 'name', position, `${label}.user.name`)) : null;
    if (author.hidden !== undefined && author.hidden !== null && typeof author.hidden !== 'boolean') fail(position, `${label}.hidden must be a boolean`);
    return { name: name.replace(/\s+/g, ' '), externalId, handle, hidden: author.hidden === true };
  });
}

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * One daily-papers item ({ paper, publishedAt, … }) or paper object ({ id, title, … }) to an
 * ImportRecord. The featured day is the UTC date of paper.submittedOnDailyAt; older dumps lack it
 * and then the item's top-level publishedAt was the featured date; else options.defaultDay; else
 * the paper's publication date.
 */
export function parseHfItem(raw: unknown, position: number, options: HfParseOptions = {}): ImportRecord {
  if (!isObject(raw)) fail(position, 'expected a JSON object');
  const isItem = isObject(raw.paper);
  const paper = isItem ? (raw.paper as Json) : raw;
  const prefix = isItem ? 'paper.' : '';
  const rawId = paper.id;
  if (rawId === undefined || rawId === null || rawId === '') fail(position, `${prefix}id is missing`);
  if (typeof rawId !== 'string') fail(position, `${prefix}id must be a string`);
  const arxivId = parseArxivId(rawId);
  if (!arxivId) fail(position, `${prefix}id "${rawId}" is not an arXiv id`);
  const title = (optionalString(paper, 'title', position, `${prefix}title`) ?? (isItem ? optionalString(raw, 'title', position) : null))?.replace(/\s+/g, ' ');
  if (!title) fail(position, `${prefix}title is missing`);
  const abstract = optionalString(paper, 'summary', position, `${prefix}summary`) ?? (isItem ? optionalString(raw, 'summary', position) : null) ?? '';
  const publishedAt = optionalDate(paper, 'publishedAt', position, `${prefix}publishedAt`);
  const submittedAt = optionalDate(paper, 'submittedOnDailyAt', position, `${prefix}submittedOnDailyAt`);
  const itemDate = isItem ? optionalDate(raw, 'publishedAt', position) : null;
  const featured = submittedAt ? utcDay(submittedAt) : itemDate ? utcDay(itemDate) : options.defaultDay ?? (publishedAt ? utcDay(publishedAt) : null);
  if (!featured) fail(position, 'no featured day: the item has no submittedOnDailyAt or publishedAt; pass --day');
  return {
    arxivId,
    title,
    abstract: abstract.replace(/\s+/g, ' ').trim(),
    publishedAt,
    featuredDay: featured,
    upvotes: optionalNumber(paper, 'upvotes', position, `${prefix}upvotes`),
    githubRepo: optionalString(paper, 'githubRepo', position, `${prefix}githubRepo`),
    githubStars: optionalNumber(paper, 'githubStars', position, `${prefix}githubStars`),
    projectPage: optionalString(paper, 'projectPage', position, `${prefix}projectPage`),
    thumbnailUrl: isItem ? optionalString(raw, 'thumbnail', position) : null,
    mediaUrls: stringList(paper, 'mediaUrls', position, `${prefix}mediaUrls`).concat(isItem ? stringList(raw, 'mediaUrls', position) : []).filter((url, i, all) => all.indexOf(url) === i),
    aiSummary: optionalString(paper, 'ai_summary', position, `${prefix}ai_summary`),
    aiKeywords: stringList(paper, 'ai_keywords', position, `${prefix}ai_keywords`),
    numComments: isItem ? optionalNumber(raw, 'numComments', position) : null,
    withdrawnAt: optionalDate(paper, 'withdrawnAt', position, `${prefix}withdrawnAt`),
    submittedBy: user(paper.submittedOnDailyBy, position, `${prefix}submittedOnDailyBy`) ?? (isItem ? user(raw.submittedBy, position, 'submittedBy') : null),
    submittedAt,
    authors: authors(paper.authors, position),
  };
}

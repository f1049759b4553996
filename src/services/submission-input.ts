import { BadUserInputError } from '../errors/errors';
import { parseArxivId } from '../lib/arxiv-id';
import { addDays, isoDay } from '../lib/day';

// Field rules of submitPaper/updatePaper. Each failure names the input field, so a form can
// put the message next to it.

export const LIMITS = { title: 500, abstract: 10_000, authors: 500, authorName: 200, url: 2048 } as const;

export interface SubmitPaperFields {
  readonly arxivId: string;
  readonly title: string;
  readonly abstract: string;
  readonly authors: readonly string[];
  readonly publishedAt?: Date | null;
  readonly day?: Date | null;
  readonly githubRepo?: string | null;
  readonly projectPage?: string | null;
}

export interface ValidSubmission {
  readonly arxivId: string;
  readonly title: string;
  readonly abstract: string;
  readonly authors: string[];
  readonly publishedAt: Date | null;
  /** YYYY-MM-DD */
  readonly day: string;
  readonly githubRepo: string | null;
  readonly projectPage: string | null;
}

const DAY_MS = 86_400_000;

export function validateSubmission(input: SubmitPaperFields, now: Date): ValidSubmission {
  const arxivId = parseArxivId(input.arxivId);
  if (!arxivId) throw new BadUserInputError('arxivId', `"${input.arxivId}" is not an arXiv id; expected e.g. "2407.18232" or "hep-th/9901001".`);
  const authors = input.authors.map((name, index) => text(`authors[${index}]`, name, LIMITS.authorName));
  if (authors.length === 0) throw new BadUserInputError('authors', 'Name at least one author.');
  if (authors.length > LIMITS.authors) throw new BadUserInputError('authors', `At most ${LIMITS.authors} authors.`);
  const publishedAt = input.publishedAt ?? null;
  if (publishedAt && publishedAt.getTime() > now.getTime() + DAY_MS) {
    throw new BadUserInputError('publishedAt', 'publishedAt lies in the future.');
  }
  const day = isoDay(input.day ?? now);
  if (day > isoDay(addDays(now, 1))) throw new BadUserInputError('day', 'day lies in the future.');
  return {
    arxivId,
    title: text('title', input.title, LIMITS.title),
    abstract: text('abstract', input.abstract, LIMITS.abstract),
    authors,
    publishedAt,
    day,
    githubRepo: optionalUrl('githubRepo', input.githubRepo),
    projectPage: optionalUrl('projectPage', input.projectPage),
  };
}

function text(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new BadUserInputError(field, `${field} must not be empty.`);
  if (trimmed.length > max) throw new BadUserInputError(field, `${field} is longer than ${max} characters.`);
  return trimmed;
}

/** An absolute http(s) URL, or null for null/empty; undefined stays undefined (updatePaper: unchanged). */
export function optionalUrl(field: string, value: string | null | undefined): string | null;
export function optionalUrl(field: string, value: string | null | undefined, keepUndefined: true): string | null | undefined;
export function optionalUrl(field: string, value: string | null | undefined, keepUndefined = false): string | null | undefined {
  if (value === undefined) return keepUndefined ? undefined : null;
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (trimmed.length > LIMITS.url) throw new BadUserInputError(field, `${field} is longer than ${LIMITS.url} characters.`);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new BadUserInputError(field, `${field} is not an absolute URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BadUserInputError(field, `${field} must be an http or https URL, got "${url.protocol}".`);
  }
  return url.toString();
}

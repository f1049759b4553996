import sax, { type QualifiedTag } from 'sax';
import { parseArxivId } from '../lib/arxiv-id';
import { textFault, textFaultMessage } from '../lib/text-rule';
import type { ImportRecord } from '../db/import-record';
import { isoDay } from '../lib/day';
import { parseIsoDate } from './iso-date';
import { oneLine } from './json-fields';
import { FeedError, RecordError } from './record-error';
import type { ParsedRecord } from './parsed-record';

// arXiv API Atom feeds (http://export.arxiv.org/api/query), parsed as a stream with sax so that a
// feed of any size needs memory for one <entry> at a time.

const ATOM = 'http://www.w3.org/2005/Atom';
const ENTRY_FIELDS = new Set(['id', 'title', 'summary', 'published']);

export interface AtomParseOptions {
  /** Featured day (YYYY-MM-DD) for every entry; else each entry's publication date. */
  readonly defaultDay?: string;
}

interface EntryDraft {
  readonly fields: Map<string, string>;
  readonly authors: string[];
  pdfHref: string | null;
}

/** "http://arxiv.org/abs/2401.01234v2" or "…/abs/hep-th/9901001v1" → the versionless id. */
export function arxivIdFromAbsUrl(url: string): string | null {
  const match = /^https?:\/\/(?:export\.)?arxiv\.org\/(?:abs|pdf)\/(.+?)(?:\.pdf)?\/?$/i.exec(url.trim());
  return match ? parseArxivId(match[1]) : null;
}

function toRecord(entry: EntryDraft, position: number, options: AtomParseOptions): ImportRecord {
  const fail = (reason: string): never => {
    throw new RecordError(position, reason);
  };
  // The API's one text rule: a NUL or lone surrogate (both reach sax through character
  // references) rejects the entry, naming the field.
  for (const [field, value] of [...entry.fields, ...entry.authors.map((name, index) => [`author[${index}]`, name] as const)]) {
    const fault = textFault(value, Number.POSITIVE_INFINITY);
    if (fault) fail(textFaultMessage(field, fault));
  }
  const idText = entry.fields.get('id')?.trim();
  if (!idText) fail('id is missing');
  const arxivId = arxivIdFromAbsUrl(idText!) ?? fail(`id ${JSON.stringify(idText!.slice(0, 80))} is not an arXiv abstract URL`);
  const title = oneLine(entry.fields.get('title') ?? '');
  if (!title) fail('title is missing');
  const publishedText = entry.fields.get('published')?.trim();
  const publishedAt = publishedText
    ? (parseIsoDate(publishedText) ?? fail(`published is not an ISO 8601 date: ${JSON.stringify(publishedText.slice(0, 60))}`))
    : null;
  const featuredDay = options.defaultDay ?? (publishedAt ? isoDay(publishedAt) : fail('no featured day: published is missing; pass --day'));
  if (entry.pdfHref !== null && arxivIdFromAbsUrl(entry.pdfHref) !== arxivId)
    fail(`the PDF link ${JSON.stringify(entry.pdfHref)} names another paper than ${arxivId}`);
  const authors = entry.authors.map((name, index) => oneLine(name) || fail(`author[${index}] has no name`));
  return {
    arxivId,
    title,
    abstract: oneLine(entry.fields.get('summary') ?? ''),
    publishedAt,
    featuredDay,
    upvotes: null,
    githubRepo: null,
    githubStars: null,
    projectPage: null,
    thumbnailUrl: null,
    mediaUrls: [],
    aiSummary: null,
    aiKeywords: [],
    numComments: null,
    withdrawnAt: null,
    submittedBy: null,
    submittedAt: null,
    authors: authors.map((name) => ({ name, externalId: null, handle: null, hidden: false })),
  };
}

/** The entries of an Atom feed in document order; a bad entry becomes a RecordError, bad XML a FeedError. */
export async function* parseAtomFeed(chunks: AsyncIterable<string>, options: AtomParseOptions = {}): AsyncGenerator<ParsedRecord> {
  const parser = sax.parser(true, { xmlns: true, position: true });
  const ready: ParsedRecord[] = [];
  const path: string[] = [];
  let entry: EntryDraft | null = null;
  let position = 0;
  let text = '';

  parser.onopentag = (node) => {
    const tag = node as QualifiedTag;
    const name = tag.uri === ATOM ? tag.local : `{${tag.uri}}${tag.local}`;
    if (path.length === 0 && name !== 'feed') throw new FeedError(`expected an Atom <feed>, found <${tag.name}>`);
    path.push(name);
    text = '';
    if (name === 'entry' && path.length === 2) {
      position += 1;
      entry = { fields: new Map(), authors: [], pdfHref: null };
    } else if (entry && name === 'link' && path.length === 3) {
      const attr = (key: string) => tag.attributes[key]?.value ?? '';
      if (attr('title') === 'pdf' || attr('type') === 'application/pdf') entry.pdfHref = attr('href');
    }
  };
  parser.ontext = (chunk) => {
    if (entry) text += chunk;
  };
  parser.oncdata = parser.ontext;
  parser.onclosetag = () => {
    const name = path.pop();
    const depth = path.length;
    if (entry && name === 'entry' && depth === 1) {
      try {
        ready.push(toRecord(entry, position, options));
      } catch (error) {
        if (!(error instanceof RecordError)) throw error;
        ready.push(error);
      }
      entry = null;
    } else if (entry && depth === 2 && name && ENTRY_FIELDS.has(name)) {
      entry.fields.set(name, text);
    } else if (entry && depth === 3 && name === 'name' && path[2] === 'author') {
      entry.authors.push(text);
    }
    text = '';
  };
  parser.onerror = (error) => {
    throw new FeedError(`invalid XML: ${error.message.replace(/\n/g, ' ')}`);
  };

  for await (const chunk of chunks) {
    parser.write(chunk);
    yield* ready.splice(0);
  }
  parser.close();
  yield* ready.splice(0);
  if (path.length > 0) throw new FeedError('the XML ends inside an element');
}

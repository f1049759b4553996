import type { PrismaTx } from '../client';
import { authorMatchKey, type ImportRecord } from '../../import/import-record';

// Bulk upsert of imported papers: a fixed number of statements per batch whatever its size,
// arrays passed through unnest(). Runs inside the caller's transaction.

export interface BatchOutcome {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

interface ExistingPaper {
  id: string;
  fingerprint: string;
  importedUpvoteCount: number;
  submittedById: number | null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

// Positions in the stored fingerprint of the fields a record may leave unsaid (null keeps them).
const BASELINE = 4;
const SUBMITTER = 14;
const SUBMITTED_AT = 15;

/** The record as it would be stored, in the shape of the importExistingPapers fingerprint. */
function fingerprint(record: ImportRecord, stored: unknown[] | null): string {
  return JSON.stringify([
    record.title, record.abstract, iso(record.publishedAt), record.featuredDay,
    record.upvotes ?? stored?.[BASELINE] ?? 0, record.githubRepo, record.githubStars, record.projectPage,
    record.thumbnailUrl, record.mediaUrls, record.aiSummary, record.aiKeywords, record.numComments,
    iso(record.withdrawnAt), record.submittedBy?.handle ?? stored?.[SUBMITTER] ?? null,
    iso(record.submittedAt) ?? stored?.[SUBMITTED_AT] ?? null,
    record.authors.map((author) => [authorMatchKey(author), author.hidden]),
  ]);
}

/** The last record wins when a batch names the same paper twice. */
function lastPerId(records: readonly ImportRecord[]): ImportRecord[] {
  return [...new Map(records.map((record) => [record.arxivId, record])).values()];
}

export async function writePaperBatch(tx: PrismaTx, input: readonly ImportRecord[]): Promise<BatchOutcome> {
  const records = lastPerId(input);
  if (records.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const ids = records.map((record) => record.arxivId);

  const existingRows = await tx.$queryRaw<ExistingPaper[]>`/* importExistingPapers */
    SELECT p.id, p.imported_upvote_count AS "importedUpvoteCount", p.submitted_by_id AS "submittedById",
      json_build_array(p.title, p.abstract, to_char(p.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        to_char(p.day_date, 'YYYY-MM-DD'), p.imported_upvote_count, p.github_repo, p.github_stars, p.project_page,
        p.thumbnail_url, to_json(coalesce(p.media_urls, '{}')), p.ai_summary, to_json(coalesce(p.ai_keywords, '{}')), p.num_comments,
        to_char(p.withdrawn_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), u.handle,
        to_char(p.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        coalesce((SELECT json_agg(json_build_array(a.match_key, pa.hidden) ORDER BY pa.position)
                  FROM paper_authors pa JOIN authors a ON a.id = pa.author_id WHERE pa.paper_id = p.id), '[]'::json)
      )::text AS fingerprint
    FROM papers p LEFT JOIN users u ON u.id = p.submitted_by_id
    WHERE p.id = ANY(${ids}::text[])`;
  const existing = new Map(existingRows.map((row) => [row.id, row]));

  const changed = records.filter((record) => {
    const row = existing.get(record.arxivId);
    if (!row) return true;
    const stored = JSON.parse(row.fingerprint) as unknown[];
    return JSON.stringify(stored) !== fingerprint(record, stored);
  });
  const outcome = {
    created: changed.filter((record) => !existing.has(record.arxivId)).length,
    updated: changed.filter((record) => existing.has(record.arxivId)).length,
    unchanged: records.length - changed.length,
  };
  if (changed.length === 0) return outcome;

  const days = [...new Set(changed.map((record) => record.featuredDay))];
  await tx.$executeRaw`/* importDays */
    INSERT INTO days (date) SELECT unnest(${days}::date[]) ON CONFLICT (date) DO NOTHING`;

  const submitterIds = await upsertSubmitters(tx, changed);
  const authorIds = await upsertAuthors(tx, changed);

  await tx.$executeRaw`/* importPapers */
    INSERT INTO papers (id, title, abstract, published_at, day_date, imported_upvote_count, github_repo, github_stars,
      project_page, thumbnail_url, media_urls, ai_summary, ai_keywords, num_comments, withdrawn_at, submitted_by_id,
      submitted_at, updated_at)
    SELECT r.id, r.title, r.abstract, r.published_at, r.day_date, r.upvotes, r.github_repo, r.github_stars,
      r.project_page, r.thumbnail_url, ARRAY(SELECT json_array_elements_text(r.media_urls::json)), r.ai_summary,
      ARRAY(SELECT json_array_elements_text(r.ai_keywords::json)), r.num_comments, r.withdrawn_at, r.submitted_by_id,
      r.submitted_at, now()
    FROM unnest(
      ${changed.map((r) => r.arxivId)}::text[], ${changed.map((r) => r.title)}::text[],
      ${changed.map((r) => r.abstract)}::text[], ${changed.map((r) => iso(r.publishedAt))}::timestamptz[],
      ${changed.map((r) => r.featuredDay)}::date[],
      ${changed.map((r) => r.upvotes ?? existing.get(r.arxivId)?.importedUpvoteCount ?? 0)}::int[],
      ${changed.map((r) => r.githubRepo)}::text[], ${changed.map((r) => r.githubStars)}::int[],
      ${changed.map((r) => r.projectPage)}::text[], ${changed.map((r) => r.thumbnailUrl)}::text[],
      ${changed.map((r) => JSON.stringify(r.mediaUrls))}::text[], ${changed.map((r) => r.aiSummary)}::text[],
      ${changed.map((r) => JSON.stringify(r.aiKeywords))}::text[], ${changed.map((r) => r.numComments)}::int[],
      ${changed.map((r) => iso(r.withdrawnAt))}::timestamptz[],
      ${changed.map((r) => (r.submittedBy ? submitterIds.get(r.submittedBy.handle) ?? null : existing.get(r.arxivId)?.submittedById ?? null))}::int[],
      ${changed.map((r) => iso(r.submittedAt))}::timestamptz[]
    ) AS r(id, title, abstract, published_at, day_date, upvotes, github_repo, github_stars, project_page, thumbnail_url,
           media_urls, ai_summary, ai_keywords, num_comments, withdrawn_at, submitted_by_id, submitted_at)
    ON CONFLICT (id) DO UPDATE SET
      title = EXCLUDED.title, abstract = EXCLUDED.abstract, published_at = EXCLUDED.published_at,
      day_date = EXCLUDED.day_date, imported_upvote_count = EXCLUDED.imported_upvote_count,
      github_repo = EXCLUDED.github_repo, github_stars = EXCLUDED.github_stars, project_page = EXCLUDED.project_page,
      thumbnail_url = EXCLUDED.thumbnail_url, media_urls = EXCLUDED.media_urls, ai_summary = EXCLUDED.ai_summary,
      ai_keywords = EXCLUDED.ai_keywords, num_comments = EXCLUDED.num_comments, withdrawn_at = EXCLUDED.withdrawn_at,
      submitted_by_id = EXCLUDED.submitted_by_id, submitted_at = coalesce(EXCLUDED.submitted_at, papers.submitted_at),
      updated_at = now()`;

  const changedIds = changed.map((record) => record.arxivId);
  await tx.$executeRaw`/* importClearBylines */ DELETE FROM paper_authors WHERE paper_id = ANY(${changedIds}::text[])`;
  const bylines = changed.flatMap((record) =>
    record.authors.map((author, position) => ({ paperId: record.arxivId, position, authorId: authorIds.get(authorMatchKey(author))!, hidden: author.hidden })),
  );
  if (bylines.length > 0) {
    await tx.$executeRaw`/* importBylines */
      INSERT INTO paper_authors (paper_id, position, author_id, hidden)
      SELECT * FROM unnest(${bylines.map((b) => b.paperId)}::text[], ${bylines.map((b) => b.position)}::int[],
                           ${bylines.map((b) => b.authorId)}::int[], ${bylines.map((b) => b.hidden)}::boolean[])`;
  }
  return outcome;
}

async function upsertSubmitters(tx: PrismaTx, records: readonly ImportRecord[]): Promise<Map<string, number>> {
  const users = [...new Map(records.flatMap((r) => (r.submittedBy ? [[r.submittedBy.handle, r.submittedBy] as const] : []))).values()];
  if (users.length === 0) return new Map();
  const rows = await tx.$queryRaw<Array<{ id: number; handle: string }>>`/* importSubmitters */
    INSERT INTO users (handle, display_name, avatar_url)
    SELECT * FROM unnest(${users.map((u) => u.handle)}::text[], ${users.map((u) => u.displayName)}::text[],
                         ${users.map((u) => u.avatarUrl)}::text[])
    ON CONFLICT (handle) DO UPDATE SET display_name = coalesce(EXCLUDED.display_name, users.display_name),
                                       avatar_url = coalesce(EXCLUDED.avatar_url, users.avatar_url)
    RETURNING id, handle`;
  return new Map(rows.map((row) => [row.handle, row.id]));
}

async function upsertAuthors(tx: PrismaTx, records: readonly ImportRecord[]): Promise<Map<string, number>> {
  const authors = [...new Map(records.flatMap((r) => r.authors.map((a) => [authorMatchKey(a), a] as const))).entries()];
  if (authors.length === 0) return new Map();
  const keys = authors.map(([key]) => key);
  // DO NOTHING leaves existing authors untouched (no rewrite per import); the SELECT reads every
  // id, including rows a concurrent import inserted a moment ago.
  await tx.$executeRaw`/* importAuthors */
    INSERT INTO authors (name, handle, match_key)
    SELECT * FROM unnest(${authors.map(([, a]) => a.name)}::text[], ${authors.map(([, a]) => a.handle)}::text[], ${keys}::text[])
    ON CONFLICT (match_key) DO NOTHING`;
  const rows = await tx.$queryRaw<Array<{ id: number; matchKey: string }>>`/* importAuthorIds */
    SELECT id, match_key AS "matchKey" FROM authors WHERE match_key = ANY(${keys}::text[])`;
  return new Map(rows.map((row) => [row.matchKey, row.id]));
}

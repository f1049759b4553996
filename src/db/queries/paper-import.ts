import type { DbSession } from '../client';
import { booleanArray, numberArray, textArray } from './pg-array';
import { authorMatchKey } from '../../lib/author-match-key';
import type { ImportAuthor, ImportRecord } from '../import-record';

// Bulk upsert of imported papers: at most six statements per batch whatever its size, rows
// passed as arrays; an unchanged batch is compared in the database and costs four, and two fewer
// once every author of the batch is known from earlier batches of the run.
// Runs inside the caller's transaction.
//
// Concurrent imports: every set is written in sorted key order (users, authors, days, papers), so
// two transactions lock rows in the same order and cannot deadlock each other; ON CONFLICT absorbs
// rows another import inserted first, and a paper's row lock (taken by its upsert) serialises the
// byline rewrite that follows it.

export interface BatchOutcome {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/**
 * One record per paper: the one with the latest featured day, the later one on a tie. The same
 * rule holds against stored rows (see importPapers), so re-running a feed in which a paper is
 * listed on several days converges instead of flipping the paper between them.
 */
function newestPerId(records: readonly ImportRecord[]): ImportRecord[] {
  const byId = new Map<string, ImportRecord>();
  for (const record of records) {
    const seen = byId.get(record.arxivId);
    if (!seen || record.featuredDay >= seen.featuredDay) byId.set(record.arxivId, record);
  }
  return [...byId.values()].sort((a, b) => (a.arxivId < b.arxivId ? -1 : a.arxivId > b.arxivId ? 1 : 0));
}

const sorted = <T>(items: Iterable<T>): T[] => [...items].sort();

/** A byline as the importPapers statement compares it with the stored one: "authorId:hidden,…". */
function bylineKey(record: ImportRecord, authorIds: readonly number[]): string {
  return record.authors.map((author, i) => `${authorIds[i]}:${author.hidden ? 1 : 0}`).join(',');
}

/** Ids of authors known to be stored, by match key: what a run learned from earlier batches. */
export type KnownAuthorIds = ReadonlyMap<string, number>;

export interface BatchResult extends BatchOutcome {
  /** Author ids this batch looked up (not those it was given); the caller may remember them once the batch has committed. */
  readonly lookedUpAuthorIds: ReadonlyMap<string, number>;
}

/** A batch with everything that needs no database already computed. */
export interface PreparedBatch {
  /** Records in the input batch, duplicates included (they count as unchanged). */
  readonly size: number;
  readonly records: readonly ImportRecord[];
  /** Each record's authors' match keys. */
  readonly keys: readonly (readonly string[])[];
  /** $1…$16 of importPapers: the columns that depend on the records alone. */
  readonly columns: readonly string[];
}

// Each column of a batch travels as one array literal (see pg-array.ts); a paper's media URLs
// and keywords are arrays themselves, so they travel as array literals inside a text[].
function paperColumns(records: readonly ImportRecord[]): string[] {
  const texts = (pick: (r: ImportRecord) => string | null) => textArray(records.map(pick));
  const numbers = (pick: (r: ImportRecord) => number | null) => numberArray(records.map(pick));
  return [
    texts((r) => r.arxivId),
    texts((r) => r.title),
    texts((r) => r.abstract),
    texts((r) => iso(r.publishedAt)),
    texts((r) => r.featuredDay),
    numbers((r) => r.upvotes),
    texts((r) => r.githubRepo),
    numbers((r) => r.githubStars),
    texts((r) => r.projectPage),
    texts((r) => r.thumbnailUrl),
    texts((r) => textArray(r.mediaUrls)),
    texts((r) => r.aiSummary),
    texts((r) => textArray(r.aiKeywords)),
    numbers((r) => r.numComments),
    texts((r) => iso(r.withdrawnAt)),
    texts((r) => iso(r.submittedAt)),
  ];
}

/**
 * The part of a batch's write that needs no database: done before a connection is taken, so
 * that the connection, once free, is not left idle while megabytes of parameters are built.
 */
export function prepareBatch(input: readonly ImportRecord[]): PreparedBatch {
  const records = newestPerId(input);
  return { size: input.length, records, keys: records.map((record) => record.authors.map(authorMatchKey)), columns: paperColumns(records) };
}

/**
 * Upserts a batch of papers with their days, submitters, authors and bylines. A record whose
 * featured day is older than the stored one, or which would store exactly what is stored
 * (compared in the database, byline included), counts as unchanged and writes no paper row.
 * Never writes upvote_count: the baseline trigger keeps it. Authors in knownAuthorIds are not
 * looked up again.
 */
export async function writePaperBatch(tx: DbSession, batch: PreparedBatch, knownAuthorIds: KnownAuthorIds = new Map()): Promise<BatchResult> {
  const { records, keys } = batch;
  if (records.length === 0) return { created: 0, updated: 0, unchanged: batch.size, lookedUpAuthorIds: new Map() };
  const submitterIds = await upsertSubmitters(tx, records);
  const { ids: authorIds, lookedUp } = await upsertAuthors(tx, records, keys, knownAuthorIds);

  // merged: the record as it would be stored (a missing upvote count, submitter or submission
  // time keeps the stored one); changed: new papers, and stored ones that would differ and are
  // not featured on a later day than the record's. Days are inserted for changed papers only, in
  // the same statement (the foreign key is checked at its end). The upsert's WHERE re-checks the
  // day rule under the row lock, against a concurrent import committed since the snapshot.
  const written = await tx.query<{ id: string; created: boolean }>(
    `/* importPapers */
    WITH input AS (
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::date[], $6::int[], $7::text[], $8::int[],
        $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::int[], $15::timestamptz[], $16::timestamptz[],
        $17::int[], $18::text[])
        AS r(id, title, abstract, published_at, day_date, upvotes, github_repo, github_stars, project_page, thumbnail_url, media_urls,
             ai_summary, ai_keywords, num_comments, withdrawn_at, submitted_at, submitted_by_id, byline)
    ), looked_up AS MATERIALIZED (
      -- One primary-key lookup per record, whatever the planner believes: during a large import
      -- the table's statistics lag far behind, and a join was planned as a hash join over the
      -- whole table, once per batch. MATERIALIZED: the lookup runs once, not once per use.
      SELECT r.*, (SELECT p FROM papers p WHERE p.id = r.id) AS stored FROM input r
    ), merged AS (
      SELECT r.id, r.title, r.abstract, r.published_at, r.day_date, coalesce(r.upvotes, (r.stored).imported_upvote_count, 0) AS imported_upvote_count,
        r.github_repo, r.github_stars, r.project_page, r.thumbnail_url, r.media_urls::text[] AS media_urls,
        r.ai_summary, r.ai_keywords::text[] AS ai_keywords, r.num_comments, r.withdrawn_at,
        coalesce(r.submitted_by_id, (r.stored).submitted_by_id) AS submitted_by_id, coalesce(r.submitted_at, (r.stored).submitted_at) AS submitted_at,
        r.byline, r.stored
      FROM looked_up r
    ), changed AS (
      SELECT m.* FROM merged m
      WHERE m.stored IS NULL OR (m.day_date >= (m.stored).day_date AND (
        (m.title, m.abstract, m.published_at, m.day_date, m.imported_upvote_count, m.github_repo, m.github_stars, m.project_page,
         m.thumbnail_url, m.media_urls, m.ai_summary, m.ai_keywords, m.num_comments, m.withdrawn_at, m.submitted_by_id, m.submitted_at)
        IS DISTINCT FROM
        ((m.stored).title, (m.stored).abstract, (m.stored).published_at, (m.stored).day_date, (m.stored).imported_upvote_count,
         (m.stored).github_repo, (m.stored).github_stars, (m.stored).project_page, (m.stored).thumbnail_url, (m.stored).media_urls,
         (m.stored).ai_summary, (m.stored).ai_keywords, (m.stored).num_comments, (m.stored).withdrawn_at, (m.stored).submitted_by_id,
         (m.stored).submitted_at)
        OR m.byline IS DISTINCT FROM (SELECT coalesce(string_agg(pa.author_id || ':' || pa.hidden::int, ',' ORDER BY pa.position), '')
                                      FROM paper_authors pa WHERE pa.paper_id = m.id)))
    ), new_days AS (
      INSERT INTO days (date) SELECT DISTINCT day_date FROM changed ORDER BY day_date ON CONFLICT (date) DO NOTHING
    )
    INSERT INTO papers (id, title, abstract, published_at, day_date, imported_upvote_count, github_repo, github_stars,
      project_page, thumbnail_url, media_urls, ai_summary, ai_keywords, num_comments, withdrawn_at, submitted_by_id,
      submitted_at, updated_at)
    SELECT id, title, abstract, published_at, day_date, imported_upvote_count, github_repo, github_stars, project_page,
      thumbnail_url, media_urls, ai_summary, ai_keywords, num_comments, withdrawn_at, submitted_by_id, submitted_at, now()
    FROM changed ORDER BY id
    ON CONFLICT (id) DO UPDATE SET
      title = EXCLUDED.title, abstract = EXCLUDED.abstract, published_at = EXCLUDED.published_at,
      day_date = EXCLUDED.day_date, imported_upvote_count = EXCLUDED.imported_upvote_count,
      github_repo = EXCLUDED.github_repo, github_stars = EXCLUDED.github_stars, project_page = EXCLUDED.project_page,
      thumbnail_url = EXCLUDED.thumbnail_url, media_urls = EXCLUDED.media_urls, ai_summary = EXCLUDED.ai_summary,
      ai_keywords = EXCLUDED.ai_keywords, num_comments = EXCLUDED.num_comments, withdrawn_at = EXCLUDED.withdrawn_at,
      submitted_by_id = EXCLUDED.submitted_by_id, submitted_at = EXCLUDED.submitted_at, updated_at = now()
    WHERE EXCLUDED.day_date >= papers.day_date
    RETURNING id, (xmax = 0) AS created`,
    [
      ...batch.columns,
      numberArray(records.map((r) => (r.submittedBy ? (submitterIds.get(r.submittedBy.handle) ?? null) : null))),
      textArray(records.map((record, i) => bylineKey(record, authorIds[i]))),
    ],
  );
  if (written.length === 0) return { created: 0, updated: 0, unchanged: batch.size, lookedUpAuthorIds: lookedUp };

  // A paper created by this statement has no byline yet: only updated ones are cleared.
  const updatedIds = written.filter((row) => !row.created).map((row) => row.id);
  if (updatedIds.length > 0) {
    await tx.query(`/* importClearBylines */ DELETE FROM paper_authors WHERE paper_id = ANY($1::text[])`, [textArray(updatedIds)]);
  }
  const writtenSet = new Set(written.map((row) => row.id));
  const paperIds: string[] = [];
  const positions: number[] = [];
  const bylineAuthors: number[] = [];
  const hidden: boolean[] = [];
  records.forEach((record, i) => {
    if (!writtenSet.has(record.arxivId)) return;
    record.authors.forEach((author, position) => {
      paperIds.push(record.arxivId);
      positions.push(position);
      bylineAuthors.push(authorIds[i][position]);
      hidden.push(author.hidden);
    });
  });
  if (paperIds.length > 0) {
    await tx.query(
      `/* importBylines */
      INSERT INTO paper_authors (paper_id, position, author_id, hidden)
      SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::boolean[])`,
      [textArray(paperIds), numberArray(positions), numberArray(bylineAuthors), booleanArray(hidden)],
    );
  }
  const created = written.filter((row) => row.created).length;
  return { created, updated: written.length - created, unchanged: batch.size - written.length, lookedUpAuthorIds: lookedUp };
}

async function upsertSubmitters(tx: DbSession, records: readonly ImportRecord[]): Promise<Map<string, number>> {
  const byHandle = new Map(records.flatMap((r) => (r.submittedBy ? [[r.submittedBy.handle, r.submittedBy] as const] : [])));
  if (byHandle.size === 0) return new Map();
  const users = sorted(byHandle.keys()).map((handle) => byHandle.get(handle)!);
  const rows = await tx.query<{ id: number; handle: string }>(
    `/* importSubmitters */
    INSERT INTO users (handle, display_name, avatar_url)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
    ON CONFLICT (handle) DO UPDATE SET display_name = coalesce(EXCLUDED.display_name, users.display_name),
                                       avatar_url = coalesce(EXCLUDED.avatar_url, users.avatar_url)
    RETURNING id, handle`,
    [textArray(users.map((u) => u.handle)), textArray(users.map((u) => u.displayName)), textArray(users.map((u) => u.avatarUrl))],
  );
  return new Map(rows.map((row) => [row.handle, row.id]));
}

/** Each record's author ids, in byline order, and (lookedUp) those not known before the batch. */
async function upsertAuthors(
  tx: DbSession,
  records: readonly ImportRecord[],
  keys: readonly (readonly string[])[],
  known: KnownAuthorIds,
): Promise<{ ids: number[][]; lookedUp: Map<string, number> }> {
  const unknown = new Map<string, ImportAuthor>();
  // 0 marks an id still to look up (serial ids start at 1).
  const ids = records.map((record, i) =>
    record.authors.map((author, position) => {
      const id = known.get(keys[i][position]);
      if (id !== undefined) return id;
      unknown.set(keys[i][position], author);
      return 0;
    }),
  );
  const lookedUp = new Map<string, number>();
  if (unknown.size === 0) return { ids, lookedUp };
  const unknownKeys = sorted(unknown.keys());
  const authors = unknownKeys.map((key) => unknown.get(key)!);
  // DO NOTHING leaves existing authors untouched (no rewrite per import); the SELECT, a new
  // snapshot under READ COMMITTED, reads every id, including rows a concurrent import just committed.
  const keyList = textArray(unknownKeys);
  await tx.query(
    `/* importAuthors */
    INSERT INTO authors (name, handle, match_key)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
    ON CONFLICT (match_key) DO NOTHING`,
    [textArray(authors.map((a) => a.name)), textArray(authors.map((a) => a.handle)), keyList],
  );
  const rows = await tx.query<{ id: number; matchKey: string }>(
    `/* importAuthorIds */
    SELECT id, match_key AS "matchKey" FROM authors WHERE match_key = ANY($1::text[])`,
    [keyList],
  );
  for (const row of rows) lookedUp.set(row.matchKey, row.id);
  ids.forEach((recordIds, i) => {
    recordIds.forEach((id, position) => {
      if (id === 0) recordIds[position] = lookedUp.get(keys[i][position])!;
    });
  });
  return { ids, lookedUp };
}

/**
 * Lets the batch's COMMIT return before its WAL reaches disk. A database crash can then lose the
 * last batches reported as written, never part of one, and re-running the import restores them;
 * in exchange no batch waits for an fsync. Also turns JIT compilation off: a batch's statement
 * is costed high enough to be compiled (27 ms each, measured when rows came as JSON) only to run
 * once.
 * Only for the current transaction.
 */
export async function tuneImportTransaction(tx: DbSession): Promise<void> {
  await tx.query(`/* importAsyncCommit */ SELECT set_config('synchronous_commit', 'off', true), set_config('jit', 'off', true)`);
}

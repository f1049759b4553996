import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { AUTHOR_PAGE_QUERY } from './scenarios/author-page';
import { AUTHOR_PAGE_TOKEN_QUERY } from './scenarios/author-page-signed-in';
import { DAY_FEED_QUERY } from './scenarios/day-feed';
import { DAY_FEED_TOKEN_QUERY } from './scenarios/day-feed-signed-in';

// The floor: what the day feed and the author page cost when nothing but one hand-written SQL
// statement stands between HTTP and PostgreSQL. PostgreSQL builds the whole response (json_agg,
// global ids, cursors) and Node forwards the text. No GraphQL, no validation beyond the token,
// no limits, no logging: a bound the product can approach, never a design to copy. It answers
// exactly the bench's query texts, with the same JSON the product returns for them.
//
// Run by bench/run.ts as its own process: node -r ./bench/register-ts.js bench/floor.ts (PORT, DATABASE_URL).

/** base64url("Type:" || id), unpadded, as src/lib/global-id.ts encodes it. */
const globalId = (type: string, expr: string) => `rtrim(translate(encode(convert_to('${type}:' || ${expr}, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;
/** base64url of the JSON array src/lib/cursor.ts encodes: [kind, ...values]. */
const cursor = (kind: string, parts: string[]) =>
  `rtrim(translate(encode(convert_to('["${kind}",' || ${parts.join(` || ',' || `)} || ']', 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;

const BYLINE = `(SELECT coalesce(json_agg(json_build_object('id', ${globalId('Author', 'a.id::text')}, 'name', a.name) ORDER BY pa.position), '[]')
  FROM paper_authors pa JOIN authors a ON a.id = pa.author_id WHERE pa.paper_id = p.id)`;
// With a token: the viewer is the token's user (prefix + SHA-256 of the secret), else no row.
const VIEWER = `viewer AS (SELECT t.user_id FROM api_tokens t WHERE t.prefix = $2 AND t.secret_hash = $3 AND t.revoked_at IS NULL)`;
const UPVOTED = `, 'viewerHasUpvoted', EXISTS (SELECT 1 FROM upvotes u WHERE u.user_id = (SELECT user_id FROM viewer) AND u.paper_id = p.id)`;

function dayFeedSql(withViewer: boolean): string {
  return `/* floorDayFeed */
    WITH ${withViewer ? `${VIEWER},` : ''}
    page AS (SELECT p.*, row_number() OVER (ORDER BY p.upvote_count DESC, p.id) AS rn
             FROM papers p WHERE p.day_date = $1::date ORDER BY p.upvote_count DESC, p.id LIMIT 31)
    SELECT ${withViewer ? '(SELECT user_id FROM viewer) IS NOT NULL' : 'true'} AS ok, json_build_object('data', json_build_object('day', (
      SELECT json_build_object(
        'date', d.date::text,
        'paperCount', (SELECT count(*)::int FROM papers c WHERE c.day_date = d.date),
        'papers', json_build_object(
          'nodes', (SELECT coalesce(json_agg(json_build_object(
              'id', ${globalId('Paper', 'p.id')}, 'arxivId', p.id, 'title', p.title, 'upvoteCount', p.upvote_count,
              'githubStars', p.github_stars, 'thumbnailUrl', p.thumbnail_url${withViewer ? UPVOTED : ''}, 'authors', ${BYLINE}) ORDER BY p.rn), '[]')
            FROM page p WHERE p.rn <= 30),
          'pageInfo', json_build_object(
            'hasNextPage', (SELECT count(*) FROM page) > 30,
            'endCursor', (SELECT ${cursor('paper:UPVOTES:DESC', ['p.upvote_count', 'to_json(p.id)::text'])} FROM page p WHERE p.rn <= 30 ORDER BY p.rn DESC LIMIT 1))))
      FROM days d WHERE d.date = $1::date)))::text AS body`;
}

function authorPageSql(withViewer: boolean): string {
  return `/* floorAuthorPage */
    WITH ${withViewer ? `${VIEWER},` : ''}
    mine AS (SELECT DISTINCT paper_id FROM paper_authors WHERE author_id = $1::int),
    page AS (SELECT p.*, row_number() OVER (ORDER BY p.day_date DESC, p.upvote_count DESC, p.id) AS rn
             FROM mine m JOIN papers p ON p.id = m.paper_id ORDER BY p.day_date DESC, p.upvote_count DESC, p.id LIMIT 21)
    SELECT ${withViewer ? '(SELECT user_id FROM viewer) IS NOT NULL' : 'true'} AS ok, json_build_object('data', json_build_object('author', (
      SELECT json_build_object(
        'id', ${globalId('Author', 'au.id::text')}, 'name', au.name,
        'paperCount', (SELECT count(*)::int FROM mine),
        'papers', json_build_object(
          'nodes', (SELECT coalesce(json_agg(json_build_object(
              'id', ${globalId('Paper', 'p.id')}, 'arxivId', p.id, 'title', p.title, 'upvoteCount', p.upvote_count${withViewer ? UPVOTED : ''},
              'day', json_build_object('date', p.day_date::text), 'authors', ${BYLINE}) ORDER BY p.rn), '[]')
            FROM page p WHERE p.rn <= 20),
          'pageInfo', json_build_object(
            'hasNextPage', (SELECT count(*) FROM page) > 20,
            'endCursor', (SELECT ${cursor('paper:FEATURED_DAY:DESC', [`'"' || p.day_date::text || '"'`, 'p.upvote_count', 'to_json(p.id)::text'])}
                          FROM page p WHERE p.rn <= 20 ORDER BY p.rn DESC LIMIT 1))))
      FROM authors au WHERE au.id = $1::int)))::text AS body`;
}

interface Route {
  readonly name: string;
  readonly text: string;
  readonly withViewer: boolean;
  /** The statement's first parameter from the GraphQL variables. */
  readonly param: (variables: Record<string, unknown>) => unknown;
}

const authorIdOf = (variables: Record<string, unknown>) => Buffer.from(String(variables.id), 'base64url').toString('utf8').split(':')[1];
const routes = new Map<string, Route>([
  [DAY_FEED_QUERY, { name: 'floorDayFeed', text: dayFeedSql(false), withViewer: false, param: (v) => v.date }],
  [DAY_FEED_TOKEN_QUERY, { name: 'floorDayFeedViewer', text: dayFeedSql(true), withViewer: true, param: (v) => v.date }],
  [AUTHOR_PAGE_QUERY, { name: 'floorAuthorPage', text: authorPageSql(false), withViewer: false, param: authorIdOf }],
  [AUTHOR_PAGE_TOKEN_QUERY, { name: 'floorAuthorPageViewer', text: authorPageSql(true), withViewer: true, param: authorIdOf }],
]);

/** The query texts the floor answers. */
export const FLOOR_QUERIES: ReadonlySet<string> = new Set(routes.keys());

const TOKEN = /^Bearer (dpat_[0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function answer(pool: Pool, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const { query, variables = {} } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
  const route = routes.get(query);
  if (!route) return send(res, 400, '{"errors":[{"message":"the floor answers only the bench queries"}]}');
  const values: unknown[] = [route.param(variables)];
  if (route.withViewer) {
    const token = TOKEN.exec(req.headers.authorization ?? '');
    if (!token) return send(res, 401, '{"errors":[{"message":"a token is required"}]}');
    values.push(token[1], createHash('sha256').update(token[2], 'utf8').digest());
  }
  // A named statement: PostgreSQL plans it once per connection, as a careful hand-written server would.
  const { rows } = await pool.query<{ ok: boolean; body: string }>({ name: route.name, text: route.text, values });
  if (!rows[0].ok) return send(res, 401, '{"errors":[{"message":"invalid token"}]}');
  send(res, 200, rows[0].body);
}

if (require.main === module) {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
  const server = createServer((req, res) => {
    if (req.url === '/readyz') return send(res, 200, '{"status":"ready"}');
    answer(pool, req, res).catch((error: Error) => send(res, 500, JSON.stringify({ errors: [{ message: error.message }] })));
  });
  server.keepAliveTimeout = 5_000;
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { GRAPHIQL_PATH, GRAPHQL_WS_PATH, SETUP_SCRIPT_PATH } from './playground-page';
import { appendVary } from '../vary';

type GraphiQLBundle = typeof import('@graphql-yoga/render-graphiql/graphiql');

interface Asset {
  readonly contentType: string;
  /** Vendor files live under a versioned path and never change; our own script may. */
  readonly immutable: boolean;
  readonly read: () => Buffer;
}

interface LoadedAsset {
  readonly body: Buffer;
  readonly gzipped: Buffer | null;
  readonly etag: string;
}

const STATIC_DIR = join(__dirname, '..', '..', '..', 'src', 'server', 'playground', 'static');
const JS = 'text/javascript; charset=utf-8';
// Not in graphql-ws's exports map: found beside its package.json.
const GRAPHQL_WS_UMD = join(dirname(require.resolve('graphql-ws/package.json')), 'umd', 'graphql-ws.min.js');

// The prebuilt GraphiQL ships as strings in one 9 MB module: required on the first asset request,
// so a server whose Playground nobody opens never holds it.
let bundle: GraphiQLBundle | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fromBundle = (key: keyof GraphiQLBundle) => () => Buffer.from((bundle ??= require('@graphql-yoga/render-graphiql/graphiql') as GraphiQLBundle)[key]);

function dataUrlBytes(read: () => Buffer): () => Buffer {
  return () =>
    Buffer.from(
      read()
        .toString('latin1')
        .replace(/^data:[^,]*;base64,/, ''),
      'base64',
    );
}

// An allow-list, not a directory mount: nothing else in node_modules is reachable.
const ASSETS: ReadonlyMap<string, Asset> = new Map([
  [SETUP_SCRIPT_PATH, { contentType: JS, immutable: false, read: () => readFileSync(join(STATIC_DIR, 'playground-setup.js')) }],
  [`${GRAPHIQL_PATH}/graphiql.js`, { contentType: JS, immutable: true, read: fromBundle('js') }],
  [`${GRAPHIQL_PATH}/graphiql.css`, { contentType: 'text/css; charset=utf-8', immutable: true, read: fromBundle('css') }],
  [`${GRAPHIQL_PATH}/editor.worker.js`, { contentType: JS, immutable: true, read: fromBundle('editorWorkerService') }],
  [`${GRAPHIQL_PATH}/json.worker.js`, { contentType: JS, immutable: true, read: fromBundle('jsonWorker') }],
  [`${GRAPHIQL_PATH}/graphql.worker.js`, { contentType: JS, immutable: true, read: fromBundle('graphqlWorker') }],
  [`${GRAPHIQL_PATH}/favicon.ico`, { contentType: 'image/x-icon', immutable: true, read: dataUrlBytes(fromBundle('favicon')) }],
  [GRAPHQL_WS_PATH, { contentType: JS, immutable: true, read: () => readFileSync(GRAPHQL_WS_UMD) }],
]);

/** Serves the Playground's files from installed npm packages; false for any other path. */
export function createAssetHandler(): (req: IncomingMessage, res: ServerResponse) => boolean {
  // Read and compressed on first use: the GraphiQL script is 5.3 MB, 1.4 MB gzipped.
  const loaded = new Map<string, LoadedAsset>();
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const asset = ASSETS.get(path);
    if (!asset) return false;
    let content = loaded.get(path);
    if (!content) {
      content = load(asset);
      loaded.set(path, content);
    }
    send(req, res, asset, content);
    return true;
  };
}

function load(asset: Asset): LoadedAsset {
  const body = asset.read();
  const compressible = !asset.contentType.startsWith('image/');
  return {
    body,
    gzipped: compressible ? gzipSync(body) : null,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

function send(req: IncomingMessage, res: ServerResponse, asset: Asset, content: LoadedAsset): void {
  res.setHeader('content-type', asset.contentType);
  res.setHeader('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  res.setHeader('etag', content.etag);
  res.setHeader('x-content-type-options', 'nosniff');
  if (content.gzipped) appendVary(res, 'accept-encoding');
  if (req.headers['if-none-match'] === content.etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const gzip = content.gzipped !== null && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? (content.gzipped as Buffer) : content.body;
  if (gzip) res.setHeader('content-encoding', 'gzip');
  res.setHeader('content-length', body.length);
  res.statusCode = 200;
  res.end(req.method === 'HEAD' ? undefined : body);
}

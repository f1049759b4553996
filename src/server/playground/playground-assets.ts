import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SETUP_SCRIPT_PATH, VENDOR_PATH } from './playground-page';

interface Asset {
  readonly file: string;
  readonly contentType: string;
  /** Vendor files live under a versioned path and never change; our own script may. */
  readonly immutable: boolean;
}

interface LoadedAsset {
  readonly body: Buffer;
  readonly gzipped: Buffer | null;
  readonly etag: string;
}

const REACT_BUILD = join(dirname(require.resolve('graphql-playground-react/package.json')), 'build');
const STATIC_DIR = join(__dirname, '..', '..', '..', 'src', 'server', 'playground', 'static');

// An allow-list, not a directory mount: nothing else in node_modules is reachable.
const ASSETS: ReadonlyMap<string, Asset> = new Map([
  [SETUP_SCRIPT_PATH, { file: join(STATIC_DIR, 'playground-setup.js'), contentType: 'text/javascript; charset=utf-8', immutable: false }],
  ...vendor('static/js/middleware.js', 'text/javascript; charset=utf-8'),
  ...vendor('static/js/middleware.js.map', 'application/json; charset=utf-8'),
  ...vendor('static/css/index.css', 'text/css; charset=utf-8'),
  ...vendor('static/css/index.css.map', 'application/json; charset=utf-8'),
  ...vendor('favicon.png', 'image/png'),
  ...vendor('logo.png', 'image/png'),
]);

function vendor(path: string, contentType: string): [string, Asset][] {
  return [[`${VENDOR_PATH}/${path}`, { file: join(REACT_BUILD, path), contentType, immutable: true }]];
}

/** Serves the Playground's files from the installed npm package; false for any other path. */
export function createAssetHandler(): (req: IncomingMessage, res: ServerResponse) => boolean {
  // Read and compressed on first use: the bundle is 2.3 MB, 0.6 MB gzipped.
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
  const body = readFileSync(asset.file);
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
  if (content.gzipped) res.setHeader('vary', 'accept-encoding');
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

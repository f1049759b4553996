import { readFileSync } from 'node:fs';
import type { PlaygroundTab } from './playground-tabs';

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
}

/** Where this server serves the Playground's files. */
export const ASSET_PREFIX = '/playground';
/** Our own script: endpoints, the fetcher (HTTP + graphql-ws) and the example tabs. */
export const SETUP_SCRIPT_PATH = `${ASSET_PREFIX}/playground-setup.js`;
/**
 * GraphiQL 5 with the Explorer plugin, as prebuilt by @graphql-yoga/render-graphiql (React,
 * Monaco and its workers in one package, no CDN or font URLs). Versioned paths: cached forever.
 */
export const GRAPHIQL_PATH = `${ASSET_PREFIX}/render-graphiql@${installedVersion('@graphql-yoga/render-graphiql')}`;
/** graphql-ws's browser build, the client of this server's own websocket protocol. */
export const GRAPHQL_WS_PATH = `${ASSET_PREFIX}/graphql-ws@${installedVersion('graphql-ws')}/graphql-ws.min.js`;

export const PLAYGROUND_TITLE = 'Daily Papers GraphQL API — Playground';

/** What the setup script reads from the page: JSON in a non-executed script element. */
export interface PlaygroundConfig {
  readonly title: string;
  /** The GraphQL path; the script makes it absolute (http(s) and ws(s)) from the page's own address. */
  readonly endpoint: string;
  /** Monaco's web workers by label, served from this server like everything else. */
  readonly workers: Readonly<Record<'editorWorkerService' | 'json' | 'graphql', string>>;
  readonly tabs: readonly PlaygroundTab[];
}

/** The Playground page: every script, style and worker comes from this server; no inline script. */
export function renderPage(endpoint: string, tabs: readonly PlaygroundTab[]): string {
  const config: PlaygroundConfig = {
    title: 'GraphQL Playground',
    endpoint,
    workers: {
      editorWorkerService: `${GRAPHIQL_PATH}/editor.worker.js`,
      json: `${GRAPHIQL_PATH}/json.worker.js`,
      graphql: `${GRAPHIQL_PATH}/graphql.worker.js`,
    },
    tabs,
  };
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${PLAYGROUND_TITLE}</title>
    <link rel="icon" href="${GRAPHIQL_PATH}/favicon.ico" />
    <link rel="stylesheet" href="${GRAPHIQL_PATH}/graphiql.css" />
    <script type="application/json" id="playground-config">${scriptJson(config)}</script>
    <script src="${SETUP_SCRIPT_PATH}" defer></script>
    <script src="${GRAPHIQL_PATH}/graphiql.js" defer></script>
    <script src="${GRAPHQL_WS_PATH}" defer></script>
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphQL Playground needs JavaScript.</noscript>
    <div id="root"></div>
  </body>
</html>
`;
  const external = externalUrls(html);
  if (external.length > 0) throw new Error(`The Playground page would load from other hosts: ${external.join(', ')}`);
  return html;
}

/** JSON that cannot end its <script> element early (or open a comment) whatever the tabs contain. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** src/href values that point at another host (absolute or protocol-relative URLs). */
export function externalUrls(html: string): string[] {
  const urls: string[] = [];
  for (const match of html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)) {
    if (/^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(match[1])) urls.push(match[1]);
  }
  return urls;
}

/**
 * The page may load scripts, styles, workers and images only from this server, and connect only
 * back to it (HTTP and websocket). No 'unsafe-eval' and no inline script: the bundle needs
 * neither. Inline style stays: Monaco (the editor) adds <style> elements at run time.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

import { renderPlaygroundPage } from 'graphql-playground-html';
import type { PlaygroundTab } from './playground-tabs';

/** The pinned graphql-playground-react build this page loads (package.json pins the same version). */
export const PLAYGROUND_REACT_VERSION = '1.7.28';
/** Where this server serves the Playground's files; the React build lives under it at <package>@<version>/build/. */
export const ASSET_PREFIX = '/playground';
export const SETUP_SCRIPT_PATH = `${ASSET_PREFIX}/playground-setup.js`;
export const VENDOR_PATH = `${ASSET_PREFIX}/graphql-playground-react@${PLAYGROUND_REACT_VERSION}/build`;

const GOOGLE_FONTS_LINK = /<link[^>]*fonts\.googleapis\.com[^>]*>\s*/;
const BUNDLE_SCRIPT = `<script \n      src="${VENDOR_PATH}/static/js/middleware.js"`;

/**
 * The Playground page with every asset on this server. Endpoints are relative here; the setup
 * script makes them absolute (ws:// or wss://) from the page's own address when it loads.
 */
export function renderPage(endpoint: string, tabs: readonly PlaygroundTab[]): string {
  const rendered = renderPlaygroundPage({
    endpoint,
    subscriptionEndpoint: endpoint,
    cdnUrl: ASSET_PREFIX,
    version: PLAYGROUND_REACT_VERSION,
    faviconUrl: `${VENDOR_PATH}/favicon.png`,
    title: 'Daily Papers GraphQL API — Playground',
    tabs: tabs.map((tab) => ({ endpoint, ...tab })),
    settings: {
      'editor.reuseHeaders': true,
      'request.credentials': 'omit',
      // Polling would send an introspection query every two seconds per open page; the
      // Playground's reload button refreshes the schema on demand.
      'schema.polling.enable': false,
      'tracing.hideTracingResponse': true,
    },
  });
  // The page is offline: Open Sans falls back to the system font rather than load from Google.
  let html = rendered.replace(GOOGLE_FONTS_LINK, '');
  if (!html.includes(BUNDLE_SCRIPT)) {
    throw new Error('graphql-playground-html changed its markup: cannot place the setup script before the bundle.');
  }
  html = html.replace(BUNDLE_SCRIPT, `<script src="${SETUP_SCRIPT_PATH}"></script>\n    ${BUNDLE_SCRIPT}`);
  const external = externalUrls(html);
  if (external.length > 0) throw new Error(`The Playground page would load from other hosts: ${external.join(', ')}`);
  return html;
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
 * The page may load scripts, styles and images only from this server, and connect only back to
 * it (HTTP and websocket). Inline script and style are the Playground's own bootstrap and
 * styled-components.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

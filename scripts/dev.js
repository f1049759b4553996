#!/usr/bin/env node
// npm run dev: the Prisma client once, then `tsc --watch`. The server (re)starts after every
// compile tsc reports, and when a Playground tab or script changes; schema.graphql is re-emitted
// after every clean compile. Restarts follow tsc's own "Watching for file changes" line rather than
// a watch on dist/, so one edit is one restart and other builds writing dist/ do not bounce it.
// (esbuild/tsx would be faster but drop the decorator metadata TypeGraphQL needs.)
const { spawn, spawnSync } = require('node:child_process');
const { watch } = require('node:fs');

const node = process.execPath;
const generate = spawnSync(node, ['scripts/prisma-generate.js'], { stdio: 'inherit' });
if (generate.status !== 0) process.exit(generate.status ?? 1);

let server = null;
let stopping = false;

/** Stops the running server (SIGTERM, its graceful shutdown frees the port and PGlite's lock), then starts a new one. */
function restart() {
  if (stopping) return;
  const previous = server;
  server = null;
  const start = () => {
    if (stopping) return;
    const child = spawn(node, ['dist/main.js'], { stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      if (server === child && !stopping) console.error(`[dev] server exited (${signal ?? code}); waiting for a change`);
    });
    server = child;
  };
  if (!previous || previous.exitCode !== null || previous.signalCode !== null) return start();
  previous.once('exit', start);
  previous.kill('SIGTERM');
}

const tsc = spawn(node, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let pending = '';
tsc.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  pending += String(chunk);
  const lines = pending.split('\n');
  pending = lines.pop();
  for (const line of lines) {
    const done = /Found (\d+) errors?\. Watching for file changes/.exec(line);
    if (!done) continue;
    // tsc emits even with type errors: the server runs what compiled; the schema file waits for a clean build.
    if (done[1] === '0') spawn(node, ['dist/cli/emit-schema.js'], { stdio: 'inherit' });
    restart();
  }
});
tsc.on('exit', (code) => shutdown(code ?? 1));

// Tab files and the Playground's setup script are read at start, from src/.
let debounce;
for (const dir of ['src/server/playground/tabs', 'src/server/playground/static']) {
  watch(dir, () => {
    clearTimeout(debounce);
    debounce = setTimeout(restart, 200);
  });
}

function shutdown(code) {
  if (stopping) return;
  stopping = true;
  tsc.kill('SIGTERM');
  if (!server || server.exitCode !== null) process.exit(code);
  server.once('exit', () => process.exit(code));
  server.kill('SIGTERM');
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

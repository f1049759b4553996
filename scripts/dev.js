#!/usr/bin/env node
// npm run dev: tsc in watch mode plus a server that restarts when the build output changes.
// (esbuild/tsx would be faster but drop the decorator metadata TypeGraphQL needs.)
const { spawn, spawnSync } = require('node:child_process');

const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const tsc = spawn(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'], { stdio: 'inherit' });
const server = spawn(process.execPath, ['--watch-path=dist', 'dist/main.js'], { stdio: 'inherit' });
const stop = (signal) => {
  tsc.kill(signal);
  server.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
server.on('exit', (code) => {
  tsc.kill();
  process.exit(code ?? 0);
});

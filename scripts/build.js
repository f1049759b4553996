#!/usr/bin/env node
// The build, done only when something changed. `npm install` runs it once; `npm start` and the CLI
// scripts run it with --if-stale, which costs a few file stats when nothing changed (the whole
// build took 17–45 s on a busy machine and used to run before every command).
//
//   node scripts/build.js             Prisma client (when prisma/schema.prisma changed), tsc, schema.graphql
//   node scripts/build.js --if-stale  the same, only when a source is newer than the last build
//   node scripts/build.js --if-stale --run dist/cli/users.js [args…]   then runs that file in this process
//   node scripts/build.js --install   (postinstall) a failed build warns instead of failing the install
//
// tsc is incremental (dist/.tsbuildinfo), so a rebuild recompiles the files that changed.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const STAMP = path.join(ROOT, 'dist', '.build-stamp');
const GENERATED = path.join(ROOT, 'src', 'db', 'generated');
const SCHEMA = path.join(ROOT, 'prisma', 'schema.prisma');
const args = process.argv.slice(2);
const INSTALL = args.includes('--install');

/** Newest modification time under a directory (or of a file), in ms; 0 when absent. */
function newest(target, skip = () => false) {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // an added or deleted file touches its directory
  for (const entry of readdirSync(target)) {
    const child = path.join(target, entry);
    if (!skip(child)) latest = Math.max(latest, newest(child, skip));
  }
  return latest;
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function run(args, what) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build: ${what} failed${INSTALL ? '; npm start will try again' : ''}`);
    process.exit(INSTALL ? 0 : (result.status ?? 1));
  }
}

function inputsNewest() {
  return Math.max(
    newest(path.join(ROOT, 'src'), (file) => file === GENERATED),
    mtime(SCHEMA),
    mtime(path.join(ROOT, 'tsconfig.json')),
    mtime(path.join(ROOT, 'tsconfig.build.json')),
    mtime(path.join(ROOT, 'package-lock.json')),
  );
}

function build() {
  let typescript;
  try {
    typescript = require.resolve('typescript/bin/tsc');
  } catch {
    // `npm install --omit=dev` has no compiler: there is nothing to build with, and dist/ (if any) stays.
    console.error('build: typescript is not installed (npm install --omit=dev?); skipping the build');
    return;
  }
  const started = Date.now();
  if (!existsSync(path.join(GENERATED, 'client.ts')) || mtime(SCHEMA) > newest(GENERATED)) run([path.join(__dirname, 'prisma-generate.js')], 'prisma generate');
  run([typescript, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo'], 'tsc');
  run([path.join(ROOT, 'dist', 'cli', 'emit-schema.js')], 'emitting schema.graphql');
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  console.error(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const runIndex = args.indexOf('--run');
const ifStale = args.includes('--if-stale');
if (!ifStale || !existsSync(STAMP) || inputsNewest() > mtime(STAMP)) {
  if (ifStale) console.error('build: sources changed since the last build; rebuilding');
  build();
}
if (runIndex >= 0) {
  const entry = path.resolve(ROOT, args[runIndex + 1]);
  process.argv = [process.argv[0], entry, ...args.slice(runIndex + 2)];
  require(entry);
}

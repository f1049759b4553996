#!/usr/bin/env node
// Runs `prisma generate` offline. Prisma's CLI insists on locating a native schema engine even
// though generate never executes it (the app applies prisma/migrations itself, src/db/migrate.ts),
// and would otherwise download one from binaries.prisma.sh. Pointing it at any existing file
// satisfies the check; package.json's allowScripts also keeps @prisma/engines' postinstall from
// fetching it at install. An explicitly configured engine wins.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(__dirname, '..', 'package.json');
const result = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate', '--no-hints'], {
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);

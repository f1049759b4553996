import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../config/load-config';
import { ConfigError } from '../config/config-error';
import { writeSyntheticFeed } from '../import/synthetic-feed';

// npm run bench:import -- [--count 100000] [--authors 8] [--format json-array|json-lines] [--batch-size N] [--concurrency N]
// Generates a daily-papers feed, imports it with the real CLI (a child process) into a fresh
// database created beside DATABASE_URL's, imports it again (the idempotent re-run), and prints
// throughput and the importer's peak memory. The database is dropped afterwards.

interface Figures {
  readonly seconds: number;
  readonly summary: string;
  readonly peakMb: number;
}

function option(argv: string[], name: string, fallback: string): string {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 && argv[index + 1] ? argv[index + 1] : fallback;
}

function runImport(file: string, databaseUrl: string, extraArgs: readonly string[]): Promise<Figures> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-semi-space-size=64', join(__dirname, 'import.js'), file, ...extraArgs], {
      env: { ...process.env, DATABASE_URL: databaseUrl, MIGRATE_ON_START: 'true' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const peak = /peak memory ([\d,]+) MB/.exec(out);
      if (code !== 0 || !peak) return reject(new Error(`import exited with ${code}:\n${out}`));
      resolve({ seconds, summary: out.split('\n')[0], peakMb: Number(peak[1].replace(/,/g, '')) });
    });
  });
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main(argv: string[]): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.databaseUrl) throw new ConfigError(['DATABASE_URL: the benchmark needs a PostgreSQL server (postgresql://…)']);
  const count = Number(option(argv, 'count', '100000'));
  const authorsEach = Number(option(argv, 'authors', '8'));
  const format = option(argv, 'format', 'json-array') as 'json-array' | 'json-lines';
  const batchSize = option(argv, 'batch-size', '1000');
  const concurrency = option(argv, 'concurrency', '');
  const importArgs = ['--batch-size', batchSize, ...(concurrency ? ['--concurrency', concurrency] : [])];
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const file = join(dir, `daily-papers.${format === 'json-array' ? 'json' : 'jsonl'}`);
  const name = `dp_bench_${Date.now().toString(36)}`;
  const url = new URL(config.databaseUrl);
  url.pathname = `/${name}`;
  try {
    await writeSyntheticFeed(file, count, format, { authorsEach });
    const mb = statSync(file).size / 1024 / 1024;
    console.log(`feed: ${count.toLocaleString('en-US')} items, ${authorsEach} authors each, ${format}, ${mb.toFixed(0)} MB`);
    await admin(config.databaseUrl, `CREATE DATABASE "${name}"`);
    const first = await runImport(file, url.toString(), importArgs);
    const again = await runImport(file, url.toString(), importArgs);
    const row = (label: string, f: Figures) =>
      `| ${label} | ${f.seconds.toFixed(1)} s | ${Math.round(count / f.seconds).toLocaleString('en-US')} papers/s | ${f.peakMb} MB |`;
    console.log(['', '| run | wall time (incl. start, migrate) | throughput | importer peak RSS |', '| --- | --- | --- | --- |',
      row('first import (all created)', first), row('re-import (all unchanged)', again), '', first.summary, again.summary].join('\n'));
  } finally {
    await admin(config.databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

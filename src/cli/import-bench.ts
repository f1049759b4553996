import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../config/load-config';
import { ConfigError } from '../config/config-error';
import { writeSyntheticFeed } from '../import/synthetic-feed';

// npm run bench:import -- [--count 100000] [--authors 8] [--format json-array|json-lines] [--batch-size N] [--concurrency N] [--runs 3]
// Generates a daily-papers feed, imports it with the real CLI (a child process) into a fresh
// database created beside DATABASE_URL's, imports it again (the idempotent re-run), and prints
// throughput and the importer's peak memory. Each run has its own database, dropped afterwards;
// with several runs the median and the spread are printed, because a shared 2-core machine
// varies by ±15% from one minute to the next.

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

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main(argv: string[]): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.databaseUrl) throw new ConfigError(['DATABASE_URL: the benchmark needs a PostgreSQL server (postgresql://…)']);
  const databaseUrl = config.databaseUrl;
  const count = Number(option(argv, 'count', '100000'));
  const authorsEach = Number(option(argv, 'authors', '8'));
  const runs = Number(option(argv, 'runs', '3'));
  if (!Number.isSafeInteger(runs) || runs < 1) throw new ConfigError([`--runs must be a positive integer, got "${option(argv, 'runs', '')}"`]);
  const format = option(argv, 'format', 'json-array') as 'json-array' | 'json-lines';
  const batchSize = option(argv, 'batch-size', '1000');
  const concurrency = option(argv, 'concurrency', '');
  const importArgs = ['--batch-size', batchSize, ...(concurrency ? ['--concurrency', concurrency] : [])];
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const file = join(dir, `daily-papers.${format === 'json-array' ? 'json' : 'jsonl'}`);
  const rate = (f: Figures) => count / f.seconds;
  const papersPerSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')} papers/s`;
  try {
    await writeSyntheticFeed(file, count, format, { authorsEach });
    const mb = statSync(file).size / 1024 / 1024;
    console.log(`feed: ${count.toLocaleString('en-US')} items, ${authorsEach} authors each, ${format}, ${mb.toFixed(0)} MB; ${runs} run(s)`);
    const results: Array<{ first: Figures; again: Figures }> = [];
    for (let run = 1; run <= runs; run += 1) {
      const name = `dp_bench_${Date.now().toString(36)}`;
      const url = new URL(databaseUrl);
      url.pathname = `/${name}`;
      await admin(databaseUrl, `CREATE DATABASE "${name}"`);
      try {
        const first = await runImport(file, url.toString(), importArgs);
        const again = await runImport(file, url.toString(), importArgs);
        results.push({ first, again });
        console.log(`run ${run}: first import ${papersPerSecond(rate(first))}, re-import ${papersPerSecond(rate(again))}`);
      } finally {
        await admin(databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      }
    }
    const row = (label: string, figures: Figures[]) => {
      const rates = figures.map(rate);
      const whole = (value: number) => Math.round(value).toLocaleString('en-US');
      const spread = rates.length > 1 ? `${whole(Math.min(...rates))} – ${whole(Math.max(...rates))}` : '';
      return `| ${label} | ${median(figures.map((f) => f.seconds)).toFixed(1)} s | ${papersPerSecond(median(rates))} | ${spread} | ${Math.max(...figures.map((f) => f.peakMb))} MB |`;
    };
    console.log(
      [
        '',
        '| run | median wall time (incl. start, migrate) | median throughput | spread | importer peak RSS (max) |',
        '| --- | --- | --- | --- | --- |',
        row(
          'first import (all created)',
          results.map((r) => r.first),
        ),
        row(
          're-import (all unchanged)',
          results.map((r) => r.again),
        ),
        '',
        results[0].first.summary,
        results[0].again.summary,
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

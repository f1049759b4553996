import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FeedError } from './record-error';

// What `npm run import -- <file | directory | ->` reads: a file, every file of a directory
// (sorted by name, so dated dumps import in date order; hidden files skipped), or stdin.

export interface FeedSource {
  /** The path, or "stdin". */
  readonly name: string;
  /** Bytes to read, when known (for the ETA). */
  readonly size: number | null;
  open(): AsyncIterable<Buffer | string>;
}

export async function listFeedSources(target: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<FeedSource[]> {
  if (target === '-') return [{ name: 'stdin', size: null, open: () => stdin as AsyncIterable<Buffer> }];
  const info = await stat(target).catch(() => {
    throw new FeedError(`no such file or directory: ${target}`);
  });
  if (info.isFile()) return [fileSource(target, info.size)];
  if (!info.isDirectory()) throw new FeedError(`not a file or directory: ${target}`);
  const entries = (await readdir(target, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
  return Promise.all(entries.map(async (name) => fileSource(join(target, name), (await stat(join(target, name))).size)));
}

function fileSource(path: string, size: number): FeedSource {
  return { name: path, size, open: () => createReadStream(path, { highWaterMark: 256 * 1024 }) };
}

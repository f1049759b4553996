import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync, type Options } from '@swc/core';
import swcOptions from './swc-options.json';

const ROOT = join(__dirname, '..', '..');

export interface CompiledApp {
  /** The tree's root: src/ compiled to .js beside links to prisma/, demo/ and node_modules/. */
  readonly root: string;
  /** Path of a compiled entry point, e.g. entry('main') or entry('cli/import'). */
  entry(name: string): string;
  remove(): void;
}

function compileSources(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) compileSources(join(from, entry.name), join(to, entry.name));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      const { code } = transformSync(readFileSync(join(from, entry.name), 'utf8'), { ...(swcOptions as Options), filename: entry.name, swcrc: false });
      writeFileSync(join(to, entry.name.replace(/\.ts$/, '.js')), code);
    } else {
      copyFileSync(join(from, entry.name), join(to, entry.name));
    }
  }
}

/**
 * Compiles the sources for child processes that run the app as production does, so tests that
 * spawn a server or a CLI need no prior `npm run build` (a fresh clone has no dist/). swc, with the
 * options jest uses, keeps the decorator metadata TypeGraphQL needs and takes a fraction of a second.
 */
export function compileApp(): CompiledApp {
  const root = join(mkdtempSync(join(tmpdir(), 'compiled-app-')), 'app');
  compileSources(join(ROOT, 'src'), join(root, 'src'));
  for (const linked of ['prisma', 'demo', 'node_modules']) symlinkSync(join(ROOT, linked), join(root, linked));
  return {
    root,
    entry: (name) => join(root, 'src', `${name}.js`),
    remove: () => rmSync(join(root, '..'), { recursive: true, force: true }),
  };
}

/** compileApp() for a test file, with a scratch directory; both removed after the file's tests. */
export function useCompiledApp(prefix: string): { app(): CompiledApp; readonly work: string } {
  const work = mkdtempSync(join(tmpdir(), `${prefix}-`));
  let compiled: CompiledApp | undefined;
  beforeAll(() => {
    compiled = compileApp();
  });
  afterAll(() => {
    compiled?.remove();
    rmSync(work, { recursive: true, force: true });
  });
  return { app: () => compiled!, work };
}

import { resolve } from 'node:path';
import { parseImportArgs } from '../import/import-args';

/** The import target as the server must see it: the user's relative path means their working directory. */
export function absoluteImportArgv(argv: readonly string[], cwd: string): string[] {
  const args = parseSafely(argv);
  if (!args || args.target === '-') return [...argv];
  return argv.map((arg) => (arg === args.target ? resolve(cwd, arg) : arg));
}

function parseSafely(argv: readonly string[]) {
  try {
    const args = parseImportArgs(argv);
    return args === 'help' ? null : args;
  } catch {
    return null;
  }
}

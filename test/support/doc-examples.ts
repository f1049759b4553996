// Finds the GraphQL examples in README.md and docs/*.md, so a test can run every one of them.
//
// The rule, also written in docs/contributing-docs.md:
// - every fenced block whose info string starts with `graphql` is an example;
// - a ```json block right after it (only blank lines between) holds its variables;
// - `graphql no-run` marks an example that needs a secret the demo cannot have (a token from an
//   email): it is still parsed and validated against the schema, just not executed.
// Subscriptions are validated, not executed (no event would ever arrive to check).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface DocExample {
  /** `docs/api.md:42`: the file and the line of the opening fence. */
  readonly where: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly run: boolean;
}

export const REPO_ROOT = join(__dirname, '..', '..');

export function docFiles(root = REPO_ROOT): string[] {
  const docs = join(root, 'docs');
  const pages = readdirSync(docs, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(docs, name));
  return [join(root, 'README.md'), ...pages];
}

interface Fence {
  readonly info: string;
  readonly line: number;
  readonly body: string;
  /** Lines between the previous fence's end and this one's start hold only whitespace. */
  readonly followsDirectly: boolean;
}

function fences(text: string): Fence[] {
  const lines = text.split('\n');
  const found: Fence[] = [];
  let lastEnd = -2;
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^```(.*)$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i += 1; i < lines.length && !/^```\s*$/.test(lines[i]); i += 1) body.push(lines[i]);
    const between = lines.slice(lastEnd + 1, start);
    found.push({ info: open[1].trim(), line: start + 1, body: body.join('\n'), followsDirectly: lastEnd >= 0 && between.every((line) => line.trim() === '') });
    lastEnd = i;
  }
  return found;
}

export function docExamples(files = docFiles()): DocExample[] {
  const examples: DocExample[] = [];
  for (const file of files) {
    const all = fences(readFileSync(file, 'utf8'));
    all.forEach((fence, index) => {
      const words = fence.info.split(/\s+/);
      if (words[0] !== 'graphql') return;
      const next = all[index + 1];
      const variables = next && next.followsDirectly && next.info.split(/\s+/)[0] === 'json' ? JSON.parse(next.body) : undefined;
      examples.push({ where: `${relative(REPO_ROOT, file)}:${fence.line}`, query: fence.body, variables, run: !words.includes('no-run') });
    });
  }
  return examples;
}

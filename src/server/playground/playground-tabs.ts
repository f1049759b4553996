import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One example operation as the Playground opens it. */
export interface PlaygroundTab {
  readonly name: string;
  readonly query: string;
  readonly variables?: string;
  readonly headers?: Record<string, string>;
}

// Read from src/ at run time (the same path from src/ under jest and from dist/ after a build),
// so the .graphql files need no copy step and `npm start` finds them.
export const TABS_DIR = join(__dirname, '..', '..', '..', 'src', 'server', 'playground', 'tabs');

const DIRECTIVE = /^#\s*(name|variables|headers):\s*(.*)$/;

/**
 * Parses one tab file: an operation with `# name:` (required), `# variables: {json}` and
 * `# headers: {json}` comment lines. Those three lines are lifted into the tab's panes; every other
 * comment stays in the editor as the tab's explanation.
 */
export function parseTab(fileName: string, source: string): PlaygroundTab {
  let name: string | undefined;
  let variables: string | undefined;
  let headers: Record<string, string> | undefined;
  const kept: string[] = [];
  for (const line of source.split('\n')) {
    const directive = DIRECTIVE.exec(line.trim());
    if (!directive) {
      kept.push(line);
      continue;
    }
    const [, key, value] = directive;
    if (key === 'name') name = value.trim();
    else if (key === 'variables') variables = JSON.stringify(parseJsonObject(fileName, key, value), null, 2);
    else headers = stringValues(fileName, parseJsonObject(fileName, key, value));
  }
  if (!name) throw new Error(`Playground tab ${fileName} has no "# name:" line.`);
  return { name, query: kept.join('\n').trim() + '\n', ...(variables && { variables }), ...(headers && { headers }) };
}

/** Every *.graphql file in the directory, in file-name order (prefix them 01-, 02-, …). */
export function loadTabs(dir: string = TABS_DIR): PlaygroundTab[] {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort();
  if (files.length === 0) throw new Error(`No Playground tabs (*.graphql) in ${dir}.`);
  return files.map((file) => parseTab(file, readFileSync(join(dir, file), 'utf8')));
}

function parseJsonObject(fileName: string, key: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`Playground tab ${fileName}: "# ${key}:" is not valid JSON (${(error as Error).message}).`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`Playground tab ${fileName}: "# ${key}:" must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function stringValues(fileName: string, object: Record<string, unknown>): Record<string, string> {
  for (const [name, value] of Object.entries(object)) {
    if (typeof value !== 'string') throw new Error(`Playground tab ${fileName}: header "${name}" must be a string.`);
  }
  return object as Record<string, string>;
}

import { resolve } from 'node:path';
import type { Config } from './config/load-config';

// On a terminal, a person started the server: tell them where things are. Off a terminal (a
// process manager, a container) only the JSON log lines are written, as before.

/** The short human banner printed after start when stdout is a terminal. */
export function startupBanner(config: Config, baseUrl: string): string {
  const url = `${baseUrl.replace('127.0.0.1', 'localhost')}/graphql`;
  const database = config.databaseUrl ? `PostgreSQL (${redact(config.databaseUrl)})` : `embedded PGlite in ${resolve(config.dataDir)}`;
  return [
    '',
    `  Daily Papers GraphQL API  ${url}`,
    config.playground ? `  Playground               open ${url} in a browser` : '  Playground               off (PLAYGROUND=false)',
    `  Database                 ${database}`,
    '  A token for mutations    npm run users -- create <handle>   (in another terminal)',
    '  Stop                     Ctrl-C (the data stays)',
    '',
  ].join('\n');
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

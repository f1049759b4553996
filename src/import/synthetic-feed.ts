import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

// Realistic-looking Hugging Face daily-papers items in any number, for the import benchmark and
// the memory and concurrency tests: arXiv-shaped ids, 8 authors drawn from a shared pool (so
// authors recur across papers as they do on the Hub, a quarter linked to accounts), abstracts
// of a typical length, one featured day per 50 papers.

export interface SyntheticOptions {
  readonly authorsEach?: number;
  /** Distinct people the bylines draw from. */
  readonly authorPool?: number;
  /** Upvotes are this plus a per-paper variation, so a second run can move every baseline. */
  readonly upvoteBase?: number;
  readonly firstDay?: string;
}

const WORDS =
  'model learning language attention data training large diffusion vision reasoning agent efficient scaling benchmark transformer retrieval multimodal robust policy latent'.split(
    ' ',
  );
const GIVEN = ['Wei', 'Zoë', 'José', 'Łukasz', 'Anna', 'Hiroshi', 'Priya', 'Oluwaseun', 'Marie', 'Chen', 'Søren', 'Fatima'];
const FAMILY = ['Zhang', 'Ångström', 'Núñez', 'Wróblewski', 'Müller', 'Tanaka', 'Patel', 'Adeyemi', 'Dubois', 'Li', 'Nørgaard', 'Haddad'];

function words(n: number, seed: number): string {
  return Array.from({ length: n }, (_, i) => WORDS[(seed * 31 + i * 7 + ((i * i) % 13)) % WORDS.length]).join(' ');
}

/** The i-th synthetic item (0-based), deterministic. */
export function syntheticItem(i: number, options: SyntheticOptions = {}): Record<string, unknown> {
  const authorsEach = options.authorsEach ?? 8;
  const pool = options.authorPool ?? 50_000;
  const first = Date.parse(`${options.firstDay ?? '2023-01-01'}T00:00:00Z`);
  const day = new Date(first + Math.floor(i / 50) * 86_400_000);
  const id = `${String(23 + Math.floor(i / 900_000)).padStart(2, '0')}${String(1 + (Math.floor(i / 90_000) % 12)).padStart(2, '0')}.${String((i % 90_000) + 10_000).padStart(5, '0')}`;
  const authors = Array.from({ length: authorsEach }, (_, k) => {
    const person = (i * 7919 + k * 104_729) % pool;
    const name = `${GIVEN[person % GIVEN.length]} ${FAMILY[Math.floor(person / GIVEN.length) % FAMILY.length]} ${person}`;
    const linked =
      person % 4 === 0
        ? { user: { _id: `u${person}`, avatarUrl: `/avatars/${person}.svg`, fullname: name, isPro: false, name: `user${person}`, type: 'user' } }
        : {};
    return { _id: `a${i}-${k}`, name, hidden: k === authorsEach - 1 && i % 10 === 0, ...linked };
  });
  return {
    paper: {
      id,
      authors,
      publishedAt: new Date(day.getTime() - 86_400_000 + (i % 1000) * 1000).toISOString(),
      submittedOnDailyAt: new Date(day.getTime() + 3_600_000).toISOString(),
      title: `${words(6, i)} ${i}`,
      summary: words(150, i + 1),
      upvotes: (options.upvoteBase ?? 0) + (i % 97),
      discussionId: `d${i}`,
      githubRepo: i % 3 === 0 ? `https://github.com/example/repo-${i}` : undefined,
      ai_keywords: [WORDS[i % WORDS.length], WORDS[(i + 5) % WORDS.length]],
    },
    publishedAt: new Date(day.getTime() - 86_400_000).toISOString(),
    title: `${words(6, i)} ${i}`,
    numComments: i % 7,
    isAuthorParticipating: false,
  };
}

export function* syntheticItems(count: number, options: SyntheticOptions = {}): Generator<Record<string, unknown>> {
  for (let i = 0; i < count; i += 1) yield syntheticItem(i, options);
}

/** Writes count items as a JSON array or JSON Lines, streaming (the file may be larger than memory). */
export async function writeSyntheticFeed(path: string, count: number, format: 'json-array' | 'json-lines', options: SyntheticOptions = {}): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  if (format === 'json-array') await write('[\n');
  for (let i = 0; i < count; i += 1) {
    const json = JSON.stringify(syntheticItem(i, options));
    await write(format === 'json-array' ? `${i > 0 ? ',\n' : ''}${json}` : `${json}\n`);
  }
  if (format === 'json-array') await write('\n]\n');
  out.end();
  await once(out, 'finish');
}

import type { Db } from '../db/client';
import { parseHfItem } from './hf-daily';
import { importRecords, type ImportSummary } from './import-papers';

// The demo page is faithful but sparse: one paper per featured day, upvotes mostly 0. A UI
// prototype needs what a real feed looks like, so this adds synthetic days beside it: 20–60
// papers a day, heavy-tailed upvotes, a third with a GitHub repository and stars. Every synthetic
// paper says so: its title starts with "Synthetic:", its abstract opens with a sentence saying it
// is not a real paper, and its arXiv number is 90000 or above (real monthly numbers stay far below).

export const SYNTHETIC_TITLE_PREFIX = 'Synthetic: ';

export interface SyntheticDemoOptions {
  /** How many days, ending on lastDay. */
  readonly days?: number;
  /** The newest synthetic day: by default the day before the demo page's own day. */
  readonly lastDay?: string;
}

const TOPICS = [
  'linear attention',
  'sparse attention',
  'state space models',
  'KV cache compression',
  'speculative decoding',
  'mixture of experts',
  'long-context retrieval',
  'video diffusion',
  'vision-language models',
  'reasoning agents',
  'quantization',
  'token merging',
];
const METHODS = ['Scaling', 'Revisiting', 'Towards', 'Rethinking', 'Efficient', 'Adaptive', 'Learning', 'Distilling'];
const GIVEN = ['Ana', 'Bo', 'Chen', 'Dara', 'Emre', 'Fatima', 'Goran', 'Hana', 'Ines', 'Jun', 'Kofi', 'Lea'];
const FAMILY = ['Sato', 'Okafor', 'Novak', 'Larsen', 'Haddad', 'Silva', 'Kim', 'Rossi', 'Ivanova', 'Nguyen', 'Dubois', 'Cohen'];

/** A stable pseudo-random number in [0, 1) per (i, salt): the same call gives the same feed. */
function rand(i: number, salt: number): number {
  let x = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35);
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  return (x >>> 0) / 4294967296;
}

/** Hugging Face daily-papers items for the synthetic days, newest day last. */
export function syntheticDemoItems(options: SyntheticDemoOptions = {}): Array<Record<string, unknown>> {
  const days = options.days ?? 30;
  const last = Date.parse(`${options.lastDay ?? '2025-12-10'}T00:00:00Z`);
  const items: Array<Record<string, unknown>> = [];
  for (let d = days - 1; d >= 0; d -= 1) {
    const day = new Date(last - d * 86_400_000);
    const count = 20 + Math.floor(rand(d, 1) * 41);
    const month = `${String(day.getUTCFullYear() % 100).padStart(2, '0')}${String(day.getUTCMonth() + 1).padStart(2, '0')}`;
    for (let k = 0; k < count; k += 1) {
      const i = d * 100 + k;
      const topic = TOPICS[Math.floor(rand(i, 2) * TOPICS.length)];
      const title = `${SYNTHETIC_TITLE_PREFIX}${METHODS[Math.floor(rand(i, 3) * METHODS.length)]} ${topic} ${i}`;
      const hasCode = rand(i, 4) < 0.35;
      const authors = Array.from({ length: 3 + Math.floor(rand(i, 5) * 8) }, (_, a) => {
        const person = Math.floor(rand(i * 16 + a, 6) * 400);
        return { name: `${GIVEN[person % 12]} ${FAMILY[Math.floor(person / 12) % 12]} ${person} (synthetic)` };
      });
      items.push({
        paper: {
          // Numbers from 90000 up, counted per month, so days of one month never share an id.
          id: `${month}.${90000 + ((day.getUTCDate() - 1) * 100 + k)}`,
          title,
          summary: `This is a synthetic demo paper, not a real one. It stands for work on ${topic}, so that the day feed, trending and ranking have something to show.`,
          authors,
          publishedAt: new Date(day.getTime() - 86_400_000).toISOString(),
          submittedOnDailyAt: new Date(day.getTime() + 3_600_000 + k * 60_000).toISOString(),
          // Heavy-tailed like the real feed: most papers a handful, a few in the hundreds.
          upvotes: Math.floor(Math.pow(rand(i, 7), 5) * 400),
          githubRepo: hasCode ? `https://github.com/synthetic-demo/paper-${i}` : undefined,
          githubStars: hasCode ? Math.floor(Math.pow(rand(i, 8), 3) * 5000) : undefined,
        },
      });
    }
  }
  return items;
}

/** Imports the synthetic days through the importer (upserts: running it twice changes nothing). */
export async function importSyntheticDemo(db: Db, options: SyntheticDemoOptions = {}): Promise<ImportSummary> {
  const records = syntheticDemoItems(options).map((item, index) => parseHfItem(item, index + 1));
  return importRecords(db, records);
}

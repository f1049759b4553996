import type { DbSession } from '../client';

// Deterministic synthetic data at arXiv scale, generated set-based inside the database:
// every value derives from hashtext() of a row's index, so a given size always yields the same
// rows, and a million papers take a handful of INSERT … SELECT statements, not a million.

export interface SyntheticSize {
  readonly papers: number;
  /** Distinct authors; bylines draw 5–15 of them per paper. */
  readonly authors: number;
  /** The newest featured day; days run backwards from it. */
  readonly lastDay: string;
}

const WORDS = `ARRAY['diffusion','transformer','attention','language','model','reinforcement','learning','policy','reward',
  'vision','video','graph','neural','retrieval','agent','reasoning','benchmark','alignment','scaling','sparse','quantization',
  'tokenizer','multimodal','robotics','speech','protein','molecule','physics','optimization','distillation','inference',
  'memory','context','embedding','generation','segmentation','detection','planning','safety','evaluation']`;
const FIRST = `ARRAY['Ann','Bo','Carl','Dana','Eli','Fei','Gita','Hao','Ines','Jun','Kai','Lena','Ming','Nora','Omar','Pia','Qi','Rosa','Sven','Tara']`;
const LAST = `ARRAY['Lee','Chen','Zhang','Smith','Garcia','Kim','Wang','Müller','Rossi','Singh','Sato','Novak','Silva','Ivanova','Cohen','Dubois','Okafor','Larsen','Nguyen','Haddad']`;

/** h(tag, i) in [0, 1): a stable pseudo-random number per row and purpose. */
const h = (tag: string, expr: string) => `((hashtext('${tag}' || (${expr})::text)::bigint + 2147483648) / 4294967296.0)`;

// Three syllables out of 24 make ~14,000 pseudo-words: with the 40 topic words above, a search
// term matches a realistic share of the catalogue (a topic word ~15%, a pseudo-word ~0.1%).
const SYLLABLES = `ARRAY['ka','lo','mi','ne','ru','sa','ti','vo','ze','pa','qui','dra','sto','fen','gal','hor','jin','mor','nex','plu','ras','sil','tor','vek']`;
const pseudoWord = (tag: string, expr: string) => [1, 2, 3].map((n) => `(${SYLLABLES})[1 + floor(${h(`${tag}${n}`, expr)} * 24)::int]`).join(' || ');

export function syntheticStatements(size: SyntheticSize): Array<{ name: string; sql: string }> {
  const { papers, authors, lastDay } = size;
  return [
    {
      name: 'syntheticDays',
      // Day k (k = 0 is the newest) features 20–60 papers; "start" is its first paper's index.
      sql: `/* syntheticDays */
        CREATE TEMP TABLE syn_days AS
        WITH d AS (SELECT k, 20 + floor(${h('d', 'k')} * 41)::int AS n FROM generate_series(0, ${Math.ceil(papers / 20)}) k),
        c AS (SELECT k, n, (sum(n) OVER (ORDER BY k) - n)::int AS start FROM d)
        SELECT k, n, start, ('${lastDay}'::date - k) AS date FROM c WHERE start < ${papers};
        INSERT INTO days (date) SELECT date FROM syn_days`,
    },
    {
      name: 'syntheticAuthors',
      sql: `/* syntheticAuthors */
        INSERT INTO authors (name, match_key)
        SELECT (${FIRST})[1 + floor(${h('f', 'a')} * 20)::int] || ' ' || (${LAST})[1 + floor(${h('l', 'a')} * 20)::int] || ' ' || a,
               'syn:' || a
        FROM generate_series(1, ${authors}) a`,
    },
    {
      name: 'syntheticPapers',
      // Upvotes are heavy-tailed (u^6 · 800): most papers get a few, a few get hundreds.
      sql: `/* syntheticPapers */
        INSERT INTO papers (id, title, abstract, published_at, day_date, imported_upvote_count, github_repo, github_stars, ai_keywords, updated_at)
        SELECT to_char(d.date, 'YYMM') || '.' || lpad(((d.start + j) % 100000)::text, 5, '0'),
          initcap(${pseudoWord('t1', 'd.start + j')}) || ' ' || w[1 + floor(${h('t2', 'd.start + j')} * 40)::int] || ' for ' ||
            ${pseudoWord('t3', 'd.start + j')} || ' ' || w[1 + floor(${h('t4', 'd.start + j')} * 40)::int],
          'We study ' || ${pseudoWord('a1', 'd.start + j')} || ' and ' || w[1 + floor(${h('a2', 'd.start + j')} * 40)::int] ||
            ' with a new ' || w[1 + floor(${h('a3', 'd.start + j')} * 40)::int] || ' method. Experiments on ' ||
            w[1 + floor(${h('a4', 'd.start + j')} * 40)::int] || ' ' || w[1 + floor(${h('a5', 'd.start + j')} * 40)::int] ||
            ' show that ' || ${pseudoWord('a6', 'd.start + j')} || ' improves ' || w[1 + floor(${h('a7', 'd.start + j')} * 40)::int] || '.',
          d.date - interval '2 days' + (j * interval '7 minutes'),
          d.date,
          floor(power(${h('u', 'd.start + j')}, 6) * 800)::int,
          CASE WHEN ${h('g', 'd.start + j')} < 0.35 THEN 'https://github.com/synthetic/repo-' || (d.start + j) END,
          CASE WHEN ${h('g', 'd.start + j')} < 0.35 THEN floor(power(${h('s', 'd.start + j')}, 4) * 20000)::int END,
          ARRAY[w[1 + floor(${h('k', 'd.start + j')} * 40)::int]],
          now()
        FROM syn_days d CROSS JOIN LATERAL generate_series(0, d.n - 1) j, (SELECT ${WORDS} AS w) words
        WHERE d.start + j < ${papers}`,
    },
    {
      name: 'syntheticBylines',
      sql: `/* syntheticBylines */
        INSERT INTO paper_authors (paper_id, position, author_id)
        SELECT p.id, pos, 1 + floor(${h('b', "p.id || ':' || pos")} * ${authors})::int
        FROM papers p CROSS JOIN LATERAL generate_series(0, 4 + floor(${h('c', 'p.id')} * 11)::int) pos`,
    },
    { name: 'syntheticAnalyze', sql: '/* syntheticAnalyze */ ANALYZE' },
  ];
}

/** Runs the statements in one session; returns each one's seconds. */
export async function fillSynthetic(session: DbSession, size: SyntheticSize): Promise<Array<{ name: string; seconds: number }>> {
  const timings: Array<{ name: string; seconds: number }> = [];
  for (const statement of syntheticStatements(size)) {
    const started = process.hrtime.bigint();
    await session.exec(statement.sql);
    timings.push({ name: statement.name, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
  }
  return timings;
}

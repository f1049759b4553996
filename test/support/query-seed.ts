import type { Db } from '../../src/db/client';

// A small, hand-made catalogue whose every ordering, filter and ranking is known in advance.
// Days: 2025-10-13 and 2025-10-14 (ISO week 2025-W42), 2025-10-20 (W43), 2025-11-03 (November).

export interface SeededPaper {
  id: string;
  day: string;
  upvotes: number;
  stars: number | null;
  title: string;
  abstract: string;
  withdrawn?: boolean;
  publishedAt?: string | null;
  submitter?: boolean;
  authors: string[];
}

export const AUTHORS = ['Ann Lee', 'Bo_Chen 100%', 'Carl Zhang', 'Bo Chen'];

export const PAPERS: SeededPaper[] = [
  {
    id: '2510.00001',
    day: '2025-10-13',
    upvotes: 50,
    stars: 10,
    title: 'Diffusion transformers for video',
    abstract: 'We study generation of long clips with a new architecture.',
    publishedAt: '2025-10-10T12:00:00Z',
    authors: ['Ann Lee', 'Bo_Chen 100%'],
  },
  {
    id: '2510.00002',
    day: '2025-10-13',
    upvotes: 50,
    stars: null,
    title: 'Sparse attention at scale',
    abstract: 'Our method speeds up diffusion sampling and language models alike.',
    publishedAt: '2025-10-11T12:00:00Z',
    authors: ['Ann Lee'],
  },
  {
    id: '2510.00003',
    day: '2025-10-13',
    upvotes: 10,
    stars: 300,
    title: 'A withdrawn result on graph coloring',
    abstract: 'This paper was withdrawn by the authors.',
    withdrawn: true,
    publishedAt: '2025-10-09T12:00:00Z',
    authors: ['Carl Zhang'],
  },
  {
    id: '2510.00004',
    day: '2025-10-14',
    upvotes: 70,
    stars: 300,
    title: 'Reward models for code generation',
    abstract: 'We train reward models that judge programs.',
    publishedAt: null,
    authors: ['Ann Lee', 'Carl Zhang'],
  },
  {
    id: '2510.00005',
    day: '2025-10-20',
    upvotes: 5,
    stars: 5,
    title: 'Tokenizers revisited',
    abstract: 'Byte-level tokenizers for multilingual language models.',
    submitter: true,
    publishedAt: '2025-10-18T12:00:00Z',
    authors: ['Bo_Chen 100%', 'Bo Chen'],
  },
  {
    id: '2511.00006',
    day: '2025-11-03',
    upvotes: 99,
    stars: null,
    title: 'Reinforcement learning from human feedback',
    abstract: 'A policy trained with human preference data, no diffusion involved.',
    publishedAt: '2025-11-01T12:00:00Z',
    authors: ['Carl Zhang', 'Ann Lee'],
  },
];

export const SUBMITTER_HANDLE = 'alice';

/** Inserts the catalogue; returns author ids by name. */
export async function seedQueryCatalogue(db: Db): Promise<Map<string, number>> {
  const { prisma } = db;
  const user = await prisma.user.create({ data: { handle: SUBMITTER_HANDLE } });
  const days = [...new Set(PAPERS.map((p) => p.day))];
  await prisma.day.createMany({ data: days.map((day) => ({ date: new Date(day) })) });
  await prisma.paper.createMany({
    data: PAPERS.map((p) => ({
      id: p.id,
      title: p.title,
      abstract: p.abstract,
      dayDate: new Date(p.day),
      importedUpvoteCount: p.upvotes,
      githubRepo: p.stars === null ? null : `https://github.com/example/${p.id.replace('.', '-')}`,
      githubStars: p.stars,
      publishedAt: p.publishedAt ? new Date(p.publishedAt) : null,
      withdrawnAt: p.withdrawn ? new Date('2025-10-15T00:00:00Z') : null,
      submittedById: p.submitter ? user.id : null,
      submittedAt: p.submitter ? new Date('2025-10-20T08:00:00Z') : null,
    })),
  });
  const authorIds = new Map<string, number>();
  for (const name of AUTHORS) {
    const author = await prisma.author.create({ data: { name, matchKey: `name:${name}` } });
    authorIds.set(name, author.id);
  }
  await prisma.paperAuthor.createMany({
    data: PAPERS.flatMap((p) => p.authors.map((name, position) => ({ paperId: p.id, position, authorId: authorIds.get(name)! }))),
  });
  return authorIds;
}

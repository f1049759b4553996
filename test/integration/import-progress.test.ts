import { PassThrough } from 'node:stream';
import { emptySummary } from '../../src/import/import-papers';
import { formatSummary } from '../../src/import/import-report';
import { createProgress } from '../../src/import/progress';

// What an operator sees while an import runs and when it ends.
function sink(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  stream.on('data', (chunk) => (text += chunk));
  return { stream, text: () => text };
}

describe('import progress and summary', () => {
  let clock = 0;
  const now = () => clock;

  it('writes plain periodic lines with rate and ETA when stderr is not a terminal', async () => {
    const out = sink(false);
    clock = 0;
    const progress = createProgress({ stream: out.stream, totalBytes: 1000, intervalMs: 20, now });
    progress.source('feeds/a.json');
    progress.addBytes(250);
    progress.update({ ...emptySummary(), read: 500, skippedCount: 2 });
    clock = 10_000;
    await new Promise((resolve) => setTimeout(resolve, 60));
    progress.stop();
    expect(out.text()).toContain('import: reading feeds/a.json\n');
    expect(out.text()).toContain('import: 25%, 500 records, 50 records/s, 2 skipped, ETA 0:30\n');
    expect(out.text()).not.toContain('\r');
  });

  it('redraws one bar in place on a terminal and clears it at the end', async () => {
    const out = sink(true);
    clock = 0;
    const progress = createProgress({ stream: out.stream, totalBytes: 100, now });
    progress.addBytes(50);
    progress.update({ ...emptySummary(), read: 2000 });
    clock = 1000;
    await new Promise((resolve) => setTimeout(resolve, 450));
    progress.stop();
    expect(out.text()).toContain('\r\x1b[2K[############------------] 50%, 2,000 records, 2,000 records/s, ETA 0:01');
    expect(out.text().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('summarises counts and lists the first skipped records with their reasons', () => {
    const summary = {
      ...emptySummary(),
      read: 1203,
      created: 1000,
      updated: 3,
      unchanged: 150,
      skippedCount: 50,
      skipped: [{ source: 'a.json', position: 7, reason: 'paper.title is missing' }],
    };
    const text = formatSummary(summary, 2000, { peakRssBytes: 90 * 1024 * 1024 });
    expect(text).toBe(
      [
        'Import done: read 1,203, created 1,000, updated 3, unchanged 150, skipped 50 (0:02, 602 records/s, peak memory 90 MB)',
        'Skipped records (first 1 of 50):',
        '  a.json #7: paper.title is missing',
      ].join('\n'),
    );
    expect(formatSummary({ ...summary, interrupted: true }, 2000)).toMatch(/^Import interrupted: [^]*run the same command again to complete the import\.$/);
  });
});

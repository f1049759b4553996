import type { ImportSummary } from './import-papers';
import { formatDuration } from './progress';

const number = (value: number) => Math.round(value).toLocaleString('en-US');

/** The closing summary: one line of counts, then the first skipped records with their reasons. */
export function formatSummary(summary: Readonly<ImportSummary>, elapsedMs: number, options: { peakRssBytes?: number; dryRun?: boolean } = {}): string {
  const { peakRssBytes, dryRun } = options;
  const rate = summary.read / Math.max(elapsedMs / 1000, 0.001);
  // A dry run writes nothing; its valid records are counted in unchanged.
  const counts = (
    dryRun
      ? [`read ${number(summary.read)}`, `valid ${number(summary.unchanged)}`, `skipped ${number(summary.skippedCount)}`]
      : [
          `read ${number(summary.read)}`,
          `created ${number(summary.created)}`,
          `updated ${number(summary.updated)}`,
          `unchanged ${number(summary.unchanged)}`,
          `skipped ${number(summary.skippedCount)}`,
        ]
  ).join(', ');
  const facts = [`${formatDuration(elapsedMs)}`, `${number(rate)} records/s`];
  if (peakRssBytes !== undefined) facts.push(`peak memory ${number(peakRssBytes / 1024 / 1024)} MB`);
  const title = dryRun ? 'Dry run (nothing written)' : summary.interrupted ? 'Import interrupted' : 'Import done';
  const lines = [`${title}: ${counts} (${facts.join(', ')})`];
  if (summary.skippedCount > 0) {
    const listed =
      summary.skipped.length < summary.skippedCount ? `first ${summary.skipped.length} of ${number(summary.skippedCount)}` : `${summary.skippedCount}`;
    lines.push(`Skipped records (${listed}):`);
    for (const skip of summary.skipped) lines.push(`  ${skip.source ? `${skip.source} ` : ''}#${skip.position}: ${skip.reason}`);
  }
  if (summary.interrupted) lines.push('Every finished batch is saved; run the same command again to complete the import.');
  return lines.join('\n');
}

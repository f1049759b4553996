import type { ImportSummary } from './import-papers';

// Progress of a running import: a redrawn bar on a terminal, a plain line every few seconds
// otherwise (logs, CI, cron mail), both on stderr so stdout keeps only the summary.

export interface ProgressOptions {
  readonly stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** Total bytes of the inputs, when known: enables the percentage and the ETA. */
  readonly totalBytes: number | null;
  /** Milliseconds between plain lines (default 5000); the bar redraws every 200 ms. */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

export interface Progress {
  /** Notes the input being read: a line in logs, the bar's label on a terminal. */
  source(name: string): void;
  addBytes(bytes: number): void;
  update(summary: Readonly<ImportSummary>): void;
  /** Clears the bar; the caller prints the summary after. */
  stop(): void;
}

const number = (value: number) => Math.round(value).toLocaleString('en-US');

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const started = now();
  const tty = options.stream.isTTY === true;
  let bytes = 0;
  let read = 0;
  let skipped = 0;
  let drawn = false;
  let label = '';

  const describe = () => {
    const elapsed = Math.max(1, now() - started);
    const rate = (read * 1000) / elapsed;
    const fraction = options.totalBytes ? Math.min(1, bytes / options.totalBytes) : null;
    const eta = fraction && fraction > 0 ? ((1 - fraction) * elapsed) / fraction : null;
    return { rate, fraction, eta };
  };

  const line = () => {
    const { rate, fraction, eta } = describe();
    const parts = [`${number(read)} records`, `${number(rate)} records/s`];
    if (skipped > 0) parts.push(`${number(skipped)} skipped`);
    if (fraction !== null) parts.unshift(`${(fraction * 100).toFixed(0)}%`);
    if (eta !== null) parts.push(`ETA ${formatDuration(eta)}`);
    return parts.join(', ');
  };

  const bar = () => {
    const { fraction } = describe();
    const width = 24;
    const filled = fraction === null ? 0 : Math.round(fraction * width);
    const gauge = fraction === null ? '' : `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] `;
    return `${gauge}${line()}${label ? ` · ${label}` : ''}`;
  };

  const draw = () => {
    if (tty) {
      options.stream.write(`\r\x1b[2K${bar()}`);
      drawn = true;
    } else {
      options.stream.write(`import: ${line()}\n`);
    }
  };
  const timer = setInterval(draw, tty ? 200 : (options.intervalMs ?? 5000));
  timer.unref();

  return {
    source(name) {
      label = name;
      if (!tty) options.stream.write(`import: reading ${name}\n`);
    },
    addBytes(count) {
      bytes += count;
    },
    update(summary) {
      read = summary.read;
      skipped = summary.skippedCount;
    },
    stop() {
      clearInterval(timer);
      if (tty && drawn) options.stream.write('\r\x1b[2K');
    },
  };
}

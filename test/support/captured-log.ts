import { Writable } from 'node:stream';
import type { LogLevel } from '../../src/config/load-config';
import { createLogger, type Logger } from '../../src/observability/logger';

/** A logger whose JSON lines the test reads back as objects, in the order they were written. */
export function capturedLog(level: LogLevel = 'info'): { log: Logger; lines: Array<Record<string, any>> } {
  const lines: Array<Record<string, any>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: createLogger(level, sink), lines };
}

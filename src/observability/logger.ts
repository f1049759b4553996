import pino, { type Level, type Logger } from 'pino';
import type { LogLevel } from '../config/load-config';

export type { Level, Logger };

/** JSON lines on stdout (or the given stream), one logger per app; requests use child loggers. */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'daily-papers-graphql' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ['req.headers.authorization', 'authorization', 'token'], censor: '[redacted]' },
    },
    destination,
  );
}

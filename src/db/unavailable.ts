// Errors that mean "the database cannot be reached right now" rather than "this query is wrong".
// They become SERVICE_UNAVAILABLE (503, retryable) instead of a masked INTERNAL_SERVER_ERROR.
const PRISMA_CONNECTIVITY_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const DRIVER_MESSAGES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'terminating connection',
  'the database system is starting up',
  'the database system is shutting down',
  'Connection refused',
  'connect ECONN',
  'Cannot use a pool after calling end',
  'canceling statement due to statement timeout',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown };
    if (typeof candidate.code === 'string' && PRISMA_CONNECTIVITY_CODES.has(candidate.code)) return true;
    const message = typeof candidate.message === 'string' ? candidate.message : '';
    if (DRIVER_MESSAGES.some((fragment) => message.includes(fragment))) return true;
    current = candidate.cause;
  }
  return false;
}

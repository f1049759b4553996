// The one place that says what a database error means. Errors reach us in three shapes:
// Prisma's known request errors (code "P…", the driver's error in meta.driverAdapterError or,
// for raw queries, P2010 with the SQLSTATE in meta.code), driver adapter errors (a `kind`, and
// for PostgreSQL errors the SQLSTATE as `code`/`originalCode`), and raw pg / Node errors (a
// SQLSTATE or a socket code like ECONNRESET, or only a message for pg's own timeouts). Callers
// ask what happened, never which shape it came in.

export type DatabaseFault =
  /** No connection could be made (refused, unknown host, connect timeout, server starting up). */
  | 'unreachable'
  /** An open connection broke mid-conversation (reset, closed, server terminated it). */
  | 'connection-lost'
  /** A statement, a query read or a transaction ran out of time. */
  | 'timeout'
  /** No connection was free in time, or the server has no slots left. */
  | 'pool-exhausted'
  /** The client is shutting down (a query after close). */
  | 'closed'
  | 'unique-violation'
  | 'serialization-failure'
  | 'deadlock'
  /** Text the database cannot store (NUL); the API's text rule should have refused it first. */
  | 'invalid-text';

const PRISMA_CODES: Record<string, DatabaseFault> = {
  P1001: 'unreachable', // can't reach database server
  P1002: 'unreachable', // reached, but timed out
  P1008: 'timeout', // operations timed out
  P1017: 'connection-lost', // server has closed the connection
  P2002: 'unique-violation',
  P2024: 'pool-exhausted', // timed out fetching a connection from the pool
  P2028: 'timeout', // transaction API error: the interactive transaction expired or closed under us
  P2034: 'serialization-failure', // write conflict or deadlock; retry the transaction
  P2037: 'pool-exhausted', // too many database connections opened
};

const ADAPTER_KINDS: Record<string, DatabaseFault> = {
  DatabaseNotReachable: 'unreachable',
  ConnectionClosed: 'connection-lost',
  SocketTimeout: 'timeout',
  TooManyConnections: 'pool-exhausted',
  TransactionWriteConflict: 'serialization-failure',
  UniqueConstraintViolation: 'unique-violation',
};

const SQLSTATES: Record<string, DatabaseFault> = {
  '23505': 'unique-violation',
  '40001': 'serialization-failure',
  '40P01': 'deadlock',
  '22021': 'invalid-text', // character_not_in_repertoire (NUL in text)
  '57014': 'timeout', // query_canceled: statement_timeout
  '25P03': 'timeout', // idle_in_transaction_session_timeout
  '57P01': 'connection-lost', // admin_shutdown
  '57P02': 'connection-lost', // crash_shutdown
  '57P03': 'unreachable', // cannot_connect_now: starting up
  '53300': 'pool-exhausted', // too_many_connections
};
// Class 08 (connection exception): every code in it means the connection is gone.
const CONNECTION_EXCEPTION = /^08[0-9A-Z]{3}$/;

const NODE_CODES: Record<string, DatabaseFault> = {
  ECONNREFUSED: 'unreachable',
  ENOTFOUND: 'unreachable',
  EAI_AGAIN: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ECONNRESET: 'connection-lost',
  EPIPE: 'connection-lost',
  ETIMEDOUT: 'timeout',
};

// pg and pg-pool raise these as plain Errors without a code; Prisma may wrap them in a message.
const MESSAGES: Array<[RegExp, DatabaseFault]> = [
  [/Query read timeout/, 'timeout'], // pg's client-side query_timeout
  [/canceling statement due to statement timeout/, 'timeout'],
  [/timeout exceeded when trying to connect|Connection terminated due to connection timeout/, 'unreachable'],
  [
    /Connection terminated|Client has encountered a connection error|terminating connection|Server has closed the connection|server closed the connection/i,
    'connection-lost',
  ],
  [/the database system is (starting up|shutting down)|Can't reach database server|ECONNREFUSED|Connection refused/, 'unreachable'],
  [/ECONNRESET|EPIPE/, 'connection-lost'],
  [/Cannot use a pool after calling end|Client was closed and is not queryable/, 'closed'],
  [/Timed out fetching a new connection from the connection pool/, 'pool-exhausted'],
  [/Transaction already closed|Transaction not found|expired transaction/i, 'timeout'],
];

type ErrorShape = {
  code?: unknown;
  originalCode?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { code?: unknown; message?: unknown; driverAdapterError?: unknown };
};

/** What a database error means, or null for anything else (a bug to be reported as such). */
export function classifyDatabaseError(error: unknown): DatabaseFault | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  // Breadth-first over the wrappers: the outermost specific meaning wins.
  while (queue.length > 0 && seen.size < 12) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const fault = ownFault(current as ErrorShape);
    if (fault) return fault;
    const shape = current as ErrorShape;
    queue.push(shape.meta?.driverAdapterError, shape.cause);
  }
  return null;
}

function ownFault(error: ErrorShape): DatabaseFault | null {
  const code = typeof error.code === 'string' ? error.code : undefined;
  if (code && code in PRISMA_CODES) return PRISMA_CODES[code];
  for (const candidate of [error.meta?.code, error.originalCode, code]) {
    if (typeof candidate !== 'string') continue;
    if (candidate in SQLSTATES) return SQLSTATES[candidate];
    if (CONNECTION_EXCEPTION.test(candidate)) return 'connection-lost';
    if (candidate in NODE_CODES) return NODE_CODES[candidate];
  }
  if (typeof error.kind === 'string' && error.kind in ADAPTER_KINDS) return ADAPTER_KINDS[error.kind];
  const message = [error.message, error.meta?.message].filter((part) => typeof part === 'string').join('\n');
  for (const [pattern, fault] of MESSAGES) if (pattern.test(message)) return fault;
  return null;
}

const UNAVAILABLE: ReadonlySet<DatabaseFault> = new Set(['unreachable', 'connection-lost', 'timeout', 'pool-exhausted', 'closed']);

/**
 * The database cannot serve this request right now, through no fault of the request: it becomes
 * SERVICE_UNAVAILABLE (503 with retry-after), not a masked INTERNAL_SERVER_ERROR.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const fault = classifyDatabaseError(error);
  return fault !== null && UNAVAILABLE.has(fault);
}

/** A unique constraint refused the write: someone else wrote the same key first. */
export function isUniqueViolation(error: unknown): boolean {
  return classifyDatabaseError(error) === 'unique-violation';
}

/** The transaction lost a race with a concurrent one and may succeed if run again whole. */
export function isConcurrencyConflict(error: unknown): boolean {
  const fault = classifyDatabaseError(error);
  return fault === 'serialization-failure' || fault === 'deadlock' || fault === 'unique-violation';
}

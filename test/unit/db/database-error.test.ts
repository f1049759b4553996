import { classifyDatabaseError, isConcurrencyConflict, isDatabaseUnavailable, isUniqueViolation } from '../../../src/db/database-error';

// The shapes below are the ones each layer really produces: Prisma known request errors (with the
// driver adapter's error inside meta), P2010 for raw queries, driver adapter errors, pg's
// DatabaseErrors with a SQLSTATE, Node socket errors and pg's code-less Errors.
const prisma = (code: string, meta: Record<string, unknown> = {}, message = 'prisma error') =>
  Object.assign(new Error(message), { code, meta, clientVersion: '7' });
const adapter = (cause: Record<string, unknown>) => Object.assign(new Error('adapter error'), { name: 'DriverAdapterError', cause });
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'ERROR' });
const socket = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -1, syscall: 'connect' });

describe('database error classification', () => {
  it.each([
    ['P1001 cannot reach the server', prisma('P1001'), 'unreachable'],
    ['P1017 server closed the connection', prisma('P1017'), 'connection-lost'],
    ['P2024 pool timeout', prisma('P2024'), 'pool-exhausted'],
    ['P2028 expired transaction', prisma('P2028', {}, 'Transaction API error: Transaction already closed'), 'timeout'],
    ['P2034 write conflict', prisma('P2034'), 'serialization-failure'],
    ['P2002 unique violation', prisma('P2002', { target: ['handle'] }), 'unique-violation'],
    [
      'P2010 raw query, server closed the connection',
      prisma(
        'P2010',
        { code: 'N/A', message: 'Server has closed the connection.' },
        'Raw query failed. Code: `N/A`. Message: `Server has closed the connection.`',
      ),
      'connection-lost',
    ],
    ['P2010 raw query, statement timeout', prisma('P2010', { code: '57014', message: 'canceling statement due to statement timeout' }), 'timeout'],
    ['P2010 raw query, unique violation', prisma('P2010', { code: '23505', message: 'duplicate key value' }), 'unique-violation'],
    ['P2010 raw query, NUL in text', prisma('P2010', { code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' }), 'invalid-text'],
    ['unknown Prisma error wrapping a driver adapter error', prisma('P2036', { driverAdapterError: adapter({ kind: 'ConnectionClosed' }) }), 'connection-lost'],
    ['adapter: database not reachable', adapter({ kind: 'DatabaseNotReachable', host: '127.0.0.1' }), 'unreachable'],
    ['adapter: postgres serialization failure', adapter({ kind: 'postgres', code: '40001', originalCode: '40001' }), 'serialization-failure'],
    ['adapter: deadlock', adapter({ kind: 'TransactionWriteConflict', originalCode: '40P01' }), 'deadlock'],
    ['pg: admin shutdown', pgError('57P01', 'terminating connection due to administrator command'), 'connection-lost'],
    ['pg: starting up', pgError('57P03', 'the database system is starting up'), 'unreachable'],
    ['pg: connection exception class 08', pgError('08006', 'connection failure'), 'connection-lost'],
    ['pg: too many connections', pgError('53300', 'sorry, too many clients already'), 'pool-exhausted'],
    ['node: ECONNREFUSED', socket('ECONNREFUSED'), 'unreachable'],
    ['node: ECONNRESET', socket('ECONNRESET'), 'connection-lost'],
    ['pg: query read timeout', new Error('Query read timeout'), 'timeout'],
    ['pg: connection terminated', new Error('Connection terminated unexpectedly'), 'connection-lost'],
    ['pg-pool: connect timeout', new Error('timeout exceeded when trying to connect'), 'unreachable'],
    ['pg-pool: after end', new Error('Cannot use a pool after calling end on the pool'), 'closed'],
    ['wrapped in a cause', Object.assign(new Error('outer'), { cause: socket('ECONNRESET') }), 'connection-lost'],
  ])('%s', (_name, error, fault) => {
    expect(classifyDatabaseError(error)).toBe(fault);
  });

  it('leaves programming errors unclassified, so they stay internal errors', () => {
    expect(classifyDatabaseError(new TypeError('x is undefined'))).toBeNull();
    expect(classifyDatabaseError(pgError('42703', 'column "nope" does not exist'))).toBeNull();
    expect(classifyDatabaseError(prisma('P2025'))).toBeNull();
    expect(classifyDatabaseError(null)).toBeNull();
  });

  it('answers the three questions callers ask', () => {
    expect(isDatabaseUnavailable(prisma('P2010', { code: 'N/A', message: 'Server has closed the connection.' }))).toBe(true);
    expect(isDatabaseUnavailable(prisma('P2002'))).toBe(false);
    expect(isUniqueViolation(adapter({ kind: 'UniqueConstraintViolation' }))).toBe(true);
    expect(isConcurrencyConflict(pgError('40P01', 'deadlock detected'))).toBe(true);
    expect(isConcurrencyConflict(socket('ECONNRESET'))).toBe(false);
  });
});

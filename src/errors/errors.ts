import { HeaderMap } from '@apollo/server';
import { AppError } from './app-error';
import { ErrorCode } from './codes';

export class BadUserInputError extends AppError {
  constructor(
    readonly argumentName: string,
    message: string,
  ) {
    super(message, ErrorCode.BadUserInput, { argumentName });
  }
}

export class NotFoundError extends AppError {
  constructor(
    readonly type: string,
    readonly id: string,
  ) {
    super(`No ${type} with id "${id}".`, ErrorCode.NotFound, { type, id });
  }
}

export class ConflictError extends AppError {
  constructor(
    message: string,
    readonly existingId: string,
  ) {
    super(message, ErrorCode.Conflict, { existingId });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Authentication required: send "Authorization: Bearer <token>".') {
    super(message, ErrorCode.Unauthenticated, {}, { status: 401 });
  }
}

export class ForbiddenError extends AppError {
  constructor(
    message: string,
    readonly requiredScope?: string,
  ) {
    super(message, ErrorCode.Forbidden, requiredScope ? { requiredScope } : {}, { status: 403 });
  }
}

export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `Rate limit exceeded; retry in ${retryAfterSeconds} s.`,
  ) {
    super(
      message,
      ErrorCode.RateLimited,
      { retryAfterSeconds },
      {
        status: 429,
        headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]),
      },
    );
  }
}

/**
 * The database (or another dependency) is unreachable; the client may retry. 503, not 500: it is
 * not a bug. retry-after travels with the error, so every path that refuses this way (even a
 * context that failed before any plugin ran) tells clients and load balancers when to retry.
 */
export class ServiceUnavailableError extends AppError {
  constructor(message = 'The service is temporarily unavailable; retry shortly.', retryAfterSeconds = 1) {
    super(message, ErrorCode.ServiceUnavailable, {}, { status: 503, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) });
  }
}

/** An unexpected failure; the message never carries internals (they are logged with the request id). */
export class InternalServerError extends AppError {
  constructor(message = 'Internal server error.') {
    super(message, ErrorCode.InternalServerError, {}, { status: 500 });
  }
}

/**
 * Text that breaks the one text rule (lib/text-rule.ts): a NUL, a lone surrogate, or longer than
 * its field allows. BAD_USER_INPUT naming the field in `argumentName`, with `reason`; 400, because
 * it is refused before anything executes (like variables that do not coerce).
 */
export class InvalidTextError extends AppError {
  constructor(
    readonly argumentName: string,
    readonly reason: 'NUL' | 'LONE_SURROGATE' | 'TOO_LONG',
    message: string,
  ) {
    super(message, ErrorCode.BadUserInput, { argumentName, reason }, { status: 400 });
  }
}

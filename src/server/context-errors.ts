import type { RequestContext } from '../context';
import { isDatabaseUnavailable } from '../db/database-error';
import { AppError } from '../errors/app-error';
import { InternalServerError, ServiceUnavailableError } from '../errors/errors';
import type { Logger } from '../observability/logger';

/**
 * Runs a transport's context function (authentication happens there) so that its failures
 * answer like any other error: a deliberate AppError as it is (401, 403, …), an outage as
 * 503 SERVICE_UNAVAILABLE, anything else logged in full and masked as 500 — each carrying
 * the request id, which Apollo's plugins never see for a context that failed.
 */
export async function contextOrCodedError(create: () => Promise<RequestContext>, requestId: string, log: Logger): Promise<RequestContext> {
  try {
    return await create();
  } catch (error) {
    let coded: AppError;
    if (error instanceof AppError) {
      // A deliberate refusal (401 for a bad token, 403, …): the client's side, logged once at info.
      log.info(
        { requestId, code: error.extensions.code, status: (error.extensions.http as { status?: number } | undefined)?.status ?? null },
        'request refused',
      );
      coded = error;
    } else if (isDatabaseUnavailable(error)) {
      log.warn({ err: error, requestId }, 'database unavailable while creating the request context');
      coded = new ServiceUnavailableError();
    } else {
      log.error({ err: error, requestId }, 'request context creation failed');
      coded = new InternalServerError();
    }
    Object.assign(coded.extensions, { requestId });
    throw coded;
  }
}

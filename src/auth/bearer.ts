import { UnauthenticatedError } from '../errors/errors';

/**
 * The token in an "Authorization: Bearer <token>" value (an HTTP header or a graphql-ws
 * connection_init `authorization`). Absent means anonymous; anything present but malformed is
 * refused rather than silently treated as anonymous, so a client never mistakes a typo for success.
 */
export function bearerToken(authorization: unknown): string | null {
  if (authorization === undefined || authorization === null || authorization === '') return null;
  if (typeof authorization !== 'string') throw new UnauthenticatedError('The authorization value must be a string: "Bearer <token>".');
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new UnauthenticatedError('Unsupported authorization: send "Authorization: Bearer <token>".');
  return match[1];
}

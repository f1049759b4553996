/**
 * An error answered by the OAuth endpoints in RFC 6749 §5.2 form ({ error, error_description }),
 * not as a GraphQL error: OAuth client libraries branch on `error`.
 */
export class OAuthError extends Error {
  constructor(
    readonly error:
      | 'invalid_request'
      | 'invalid_client'
      | 'invalid_grant'
      | 'unauthorized_client'
      | 'unsupported_grant_type'
      | 'invalid_scope'
      | 'access_denied'
      | 'unsupported_response_type'
      | 'server_error',
    readonly description: string,
    /** 401 for invalid_client (RFC 6749 §5.2), 400 otherwise. */
    readonly status = error === 'invalid_client' ? 401 : 400,
  ) {
    super(description);
  }
}

// The OAuth 2 / OpenID Connect error vocabulary (RFC 6749 §4.1.2.1 and §5.2, OIDC Core §3.1.2.6,
// RFC 6750 §3.1, RFC 7009 §2.2.1): one class, thrown by the provider's routes and turned into the
// wire format in one place per channel: JSON for the token, revocation and introspection endpoints,
// `WWW-Authenticate` for userinfo, a redirect for authorization responses (see the routes).
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'unsupported_token_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'server_error'
  | 'temporarily_unavailable'
  | 'login_required'
  | 'interaction_required'
  | 'consent_required'
  | 'request_not_supported'
  | 'request_uri_not_supported'
  | 'invalid_token'
  | 'insufficient_scope';

/** HTTP status for each code on the direct (non-redirect) channels. */
const STATUS: Partial<Record<OAuthErrorCode, 400 | 401 | 403 | 503>> = {
  invalid_client: 401,
  invalid_token: 401,
  insufficient_scope: 403,
  temporarily_unavailable: 503,
};

export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    /** for the developer of the app: what was wrong and what to send instead; never another client's data */
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }

  get status(): 400 | 401 | 403 | 503 {
    return STATUS[this.error] ?? 400;
  }

  /** The JSON error body of RFC 6749 §5.2. */
  toJSON() {
    return { error: this.error, error_description: this.description };
  }
}

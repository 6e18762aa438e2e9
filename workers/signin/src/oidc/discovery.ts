// The provider's metadata (OpenID Connect Discovery 1.0 §3, RFC 8414 §2): what a relying-party
// library reads to configure itself, so every value here is a promise the endpoints keep. Served at
// /.well-known/openid-configuration and, identically, /.well-known/oauth-authorization-server.
//
// Apps are registered by the account's administrators (first-party clients), so there is no consent
// screen and no dynamic registration; `prompt=consent` is accepted and needs no page. The `audience`
// and `iam_audience` fields are not standard: they describe the legacy sign-in tokens (the fragment
// redirect and POST /api/signin), which keep working beside the provider.
import { SIGNIN_TOKEN_ALG } from '@edge-iam/core/crypto';
import { OAUTH_SCOPES } from '@edge-iam/core/repo';
import type { RequestDeps } from '../context';
import { CLIENT_AUTH_METHODS } from './client-auth';
import { ACR, PAPE_MFA } from './acr';
import { GRANT_TYPES } from './token-endpoint';

/** Every claim an ID token or userinfo may carry. */
export const CLAIMS_SUPPORTED = [
  'iss',
  'sub',
  'aud',
  'exp',
  'iat',
  'auth_time',
  'nonce',
  'amr',
  'acr',
  'sid',
  'at_hash',
  'account',
  'preferred_username',
  'name',
  'username',
] as const;

export function discoveryDocument(deps: Pick<RequestDeps, 'origin' | 'tokens'>) {
  const at = (path: string) => `${deps.origin}${path}`;
  return {
    issuer: deps.tokens.issuer,
    authorization_endpoint: at('/oauth2/authorize'),
    token_endpoint: at('/oauth2/token'),
    userinfo_endpoint: at('/oauth2/userinfo'),
    revocation_endpoint: at('/oauth2/revoke'),
    introspection_endpoint: at('/oauth2/introspect'),
    end_session_endpoint: at('/oauth2/logout'),
    jwks_uri: at('/.well-known/jwks.json'),
    scopes_supported: [...OAUTH_SCOPES],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: [...GRANT_TYPES],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [SIGNIN_TOKEN_ALG],
    token_endpoint_auth_methods_supported: [...CLIENT_AUTH_METHODS],
    revocation_endpoint_auth_methods_supported: [...CLIENT_AUTH_METHODS],
    // RFC 7662 §2.1: introspection is for confidential clients (servers) only.
    introspection_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS.filter((m) => m !== 'none'),
    code_challenge_methods_supported: ['S256'],
    claims_supported: [...CLAIMS_SUPPORTED],
    claim_types_supported: ['normal'],
    acr_values_supported: [ACR.mfa, ACR.pwd, PAPE_MFA],
    prompt_values_supported: ['none', 'login', 'consent', 'select_account'],
    authorization_response_iss_parameter_supported: true,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    require_request_uri_registration: false,
    claims_parameter_supported: false,
    frontchannel_logout_supported: false,
    backchannel_logout_supported: false,
    // Legacy sign-in tokens: apps' audience, and the IAM API's own (no app should accept those).
    audience: deps.tokens.audience,
    iam_audience: deps.tokens.iamAudience,
  };
}

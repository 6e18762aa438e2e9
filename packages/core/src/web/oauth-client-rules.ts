// What an app (OAuth client) may be registered with: the scopes the provider knows, the token lifetimes a
// client may choose, and the limits. Shared by the identity worker's /oauth-clients routes, the console's
// Apps pages and the provider itself.
/** The scopes the provider knows: `openid` (required) and `profile` (the user name claims). */
export const OAUTH_SCOPES = ['openid', 'profile'] as const;
export type OAuthScope = (typeof OAUTH_SCOPES)[number];

/** Token lifetimes in seconds: defaults and the range a client may choose. */
export const OAUTH_TTL = {
  accessToken: { default: 900, min: 60, max: 3600 },
  idToken: { default: 900, min: 60, max: 3600 },
  /** a grant never outlives the sign-in session it hangs on (12 hours), whatever is set here */
  refreshToken: { default: 12 * 3600, min: 300, max: 30 * 86_400 },
} as const;

export const MAX_OAUTH_CLIENTS_PER_ACCOUNT = 100;
export const MAX_CLIENT_REDIRECT_URIS = 20;

// What the server-rendered pages (hosted sign-in, console) share: cookie names, CSRF protection and
// the security headers. Every form on the origin goes through the same double-submit check. Also the
// redirect URI rule, which the console's app form and the identity worker's API check alike.
export { CSRF_COOKIE, CSRF_FIELD, SESSION_COOKIE } from './cookies';
export { csrfProtection, setCsrfCookie, type CsrfEnv } from './csrf';
export { contentSecurityPolicy, securityHeaders, type PagePolicy } from './security-headers';
export { isLoopbackHost, MAX_REDIRECT_URI_LENGTH, REDIRECT_URI_COPY, redirectUriProblem, type RedirectUriCopy } from './redirect-uri';
export { MAX_CLIENT_REDIRECT_URIS, MAX_OAUTH_CLIENTS_PER_ACCOUNT, OAUTH_SCOPES, OAUTH_TTL, type OAuthScope } from './oauth-client-rules';

// What the server-rendered pages (hosted sign-in, console) share: cookie names, CSRF protection and
// the security headers. Every form on the origin goes through the same double-submit check.
export { CSRF_COOKIE, CSRF_FIELD, SESSION_COOKIE } from './cookies';
export { csrfProtection, setCsrfCookie, type CsrfEnv } from './csrf';
export { contentSecurityPolicy, securityHeaders, type PagePolicy } from './security-headers';

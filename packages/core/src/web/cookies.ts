// The cookies the hosted pages share on the one origin: the sign-in session (set by the sign-in
// worker, read by the console) and the CSRF double-submit token. Names without their `__Host-` prefix
// (hono/cookie adds it: Secure, Path=/, no Domain, so no sibling subdomain can set or read them).
export const SESSION_COOKIE = 'edge-iam-session';
export const CSRF_COOKIE = 'edge-iam-csrf';
/** The hidden form field that repeats the CSRF cookie. */
export const CSRF_FIELD = 'csrf_token';

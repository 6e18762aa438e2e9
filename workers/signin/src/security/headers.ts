// Response headers for the hosted pages and the API: a strict Content-Security-Policy (no script at
// all, styles only from our own stylesheet, no framing: clickjacking a login form is how credentials
// get phished), and no-store so no cache or back button ever replays a page that held a credential.
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

const CSP_BASE = {
  'default-src': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
} as const;

/**
 * The policy for a page; `formTargets` adds origins a form on it may lead to. Chrome applies
 * form-action to the redirect that follows a POST, so a sign-in that ends by redirecting to an app
 * names that (already allow-listed) origin here.
 */
export function contentSecurityPolicy(formTargets: readonly string[] = []): string {
  const directives: Record<string, readonly string[]> = { ...CSP_BASE, 'form-action': ["'self'", ...formTargets] };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

export function securityHeaders(): MiddlewareHandler {
  const others = secureHeaders({
    contentSecurityPolicy: undefined,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  });
  return async function signinSecurityHeaders(c, next) {
    await others(c, async () => {
      await next();
    });
    // A handler that needs a wider form-action sets its own policy first; never weaker than the base.
    if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', contentSecurityPolicy());
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}

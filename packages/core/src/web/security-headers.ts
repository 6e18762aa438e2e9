// Response headers for server-rendered pages and their APIs: a strict Content-Security-Policy (styles
// and, where a page opts in, scripts only from our own origin; no framing: clickjacking a login form is
// how credentials get phished), and no-store so no cache or back button ever replays a page that held
// a credential.
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** What a worker's pages may load beyond the base policy. */
export interface PagePolicy {
  /** allow scripts from our own origin (progressive enhancement; pages still work without them) */
  readonly scripts?: boolean;
}

/**
 * The policy for a page; `formTargets` adds origins a form on it may lead to. Chrome applies
 * form-action to the redirect that follows a POST, so a sign-in that ends by redirecting to an app
 * names that (already allow-listed) origin here.
 */
export function contentSecurityPolicy(formTargets: readonly string[] = [], policy: PagePolicy = {}): string {
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'none'"],
    ...(policy.scripts ? { 'script-src': ["'self'"] } : {}),
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'", ...formTargets],
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

export function securityHeaders(policy: PagePolicy = {}): MiddlewareHandler {
  const others = secureHeaders({
    contentSecurityPolicy: undefined,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  });
  return async function pageSecurityHeaders(c, next) {
    await others(c, async () => {
      await next();
    });
    // A handler that needs a wider form-action sets its own policy first; never weaker than the base.
    if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', contentSecurityPolicy([], policy));
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}

// Cross-site request forgery protection for every form, in two independent layers:
// 1. hono/csrf: a form POST must come from our own origin (Origin / Sec-Fetch-Site headers);
// 2. a double-submit token: a random value in a `__Host-` cookie (which a sibling subdomain cannot
//    plant, SameSite=Strict) that every form repeats in a hidden field, compared in constant time.
// The token exists before sign-in too, so login CSRF (signing a victim into the attacker's account) is
// refused like any other forged form. It is replaced whenever the session changes. The sign-in pages
// and the console share the cookie: one origin, one token.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { IamError } from '../errors';
import { timingSafeEqual } from '../crypto';
import { newOpaqueToken } from '../ids';
import { CSRF_COOKIE, CSRF_FIELD } from './cookies';

/** Routes behind csrfProtection read the browser's token as `c.var.csrfToken` (forms repeat it). */
export type CsrfEnv = { Variables: { csrfToken: string } };

const MESSAGE = 'the form could not be verified: it expired or was not sent from this site';

export function setCsrfCookie<E extends CsrfEnv>(c: Context<E>, token = newOpaqueToken()): string {
  setCookie(c, CSRF_COOKIE, token, { prefix: 'host', httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
  c.set('csrfToken', token);
  return token;
}

export function csrfProtection<E extends CsrfEnv>(): MiddlewareHandler<E> {
  const sameOrigin = csrf();
  return async function csrfToken(c, next) {
    const existing = getCookie(c, CSRF_COOKIE, 'host');
    if (c.req.method === 'POST') {
      try {
        await sameOrigin(c, async () => {});
      } catch {
        throw new IamError('InvalidCsrfToken', MESSAGE);
      }
      let form: Awaited<ReturnType<typeof c.req.parseBody>>;
      try {
        form = await c.req.parseBody();
      } catch {
        // A truncated or malformed multipart body is the sender's error, not ours.
        throw new IamError('BadRequest', 'the form could not be read');
      }
      const sent = form[CSRF_FIELD];
      if (!existing || typeof sent !== 'string' || !timingSafeEqual(sent, existing)) throw new IamError('InvalidCsrfToken', MESSAGE);
      c.set('csrfToken', existing);
    } else if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) {
      c.set('csrfToken', existing);
    } else {
      setCsrfCookie(c);
    }
    await next();
  };
}

// The provider's back-channel endpoints: token, userinfo, revocation and introspection. Each is a
// sub-app with its own error rendering (JSON for token/revoke/introspect, RFC 6750 challenges for
// userinfo). All are open to every origin (CORS `*`, never with credentials): SPAs, which are public
// clients, call them from the browser, and nothing here reads a cookie, so a cross-site caller gains
// nothing it could not do from its own server.
import { Hono, type MiddlewareHandler } from 'hono';
import type { SigninEnv } from '../context';
import { introspectionEndpoint } from './introspection';
import { revocationEndpoint } from './revocation';
import { tokenEndpoint } from './token-endpoint';
import { userinfoEndpoint } from './userinfo';

/** CORS for one path: preflights answered here, `*` on every answer (errors too, so an SPA can read them). */
function openToEveryOrigin(methods: string): MiddlewareHandler<SigninEnv> {
  return async function backChannelCors(c, next) {
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': methods,
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
        'Access-Control-Max-Age': '600',
      });
    }
    await next();
    c.res.headers.set('Access-Control-Allow-Origin', '*');
    c.res.headers.set('Access-Control-Expose-Headers', 'WWW-Authenticate');
  };
}

export const oidcApi = new Hono<SigninEnv>();

const METHODS: Record<string, string> = {
  '/oauth2/token': 'POST',
  '/oauth2/userinfo': 'GET, POST',
  '/oauth2/revoke': 'POST',
  '/oauth2/introspect': 'POST',
};
for (const [path, methods] of Object.entries(METHODS)) oidcApi.use(path, openToEveryOrigin(methods));

oidcApi.route('/', tokenEndpoint);
oidcApi.route('/', userinfoEndpoint);
oidcApi.route('/', revocationEndpoint);
oidcApi.route('/', introspectionEndpoint);

// The discovery documents a verifier needs: the JWKS (every key whose tokens may still be valid) and the
// OpenID Connect provider's metadata (oidc/discovery.ts), also at the RFC 8414 name. The JWKS creates
// the first signing key if none exists, so a verifier that fetches it before any sign-in already knows
// the key that will sign. Both are public and cacheable, and readable from any origin (SPAs fetch them).
import { Hono } from 'hono';
import { activeSigningKey, publishedJwks } from '@edge-iam/core/repo';
import { requestDeps, type SigninEnv } from '../context';
import { discoveryDocument } from '../oidc/discovery';

export const wellKnown = new Hono<SigninEnv>();

/** Short enough that a rotated-in key reaches caches well before its first tokens matter. */
const JWKS_CACHE = 'public, max-age=300, must-revalidate';

wellKnown.get('/.well-known/jwks.json', async (c) => {
  const deps = await requestDeps(c);
  await activeSigningKey(deps.db, deps.keys.masterKey, deps.now);
  c.header('Cache-Control', JWKS_CACHE);
  c.header('Access-Control-Allow-Origin', '*');
  return c.json(await publishedJwks(deps.db, deps.now));
});

for (const path of ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']) {
  wellKnown.get(path, async (c) => {
    const deps = await requestDeps(c);
    c.header('Cache-Control', JWKS_CACHE);
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(discoveryDocument(deps));
  });
}

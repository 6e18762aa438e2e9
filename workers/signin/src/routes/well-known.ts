// The discovery documents a verifier needs: the JWKS (every key whose tokens may still be valid) and an
// OpenID-style configuration naming the issuer, the JWKS and the one algorithm used. The JWKS creates
// the first signing key if none exists, so a verifier that fetches it before any sign-in already knows
// the key that will sign.
import { Hono } from 'hono';
import { SIGNIN_TOKEN_ALG } from '@edge-iam/core/crypto';
import { activeSigningKey, publishedJwks } from '@edge-iam/core/repo';
import { requestDeps, type SigninEnv } from '../context';

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

wellKnown.get('/.well-known/openid-configuration', async (c) => {
  const deps = await requestDeps(c);
  c.header('Cache-Control', JWKS_CACHE);
  c.header('Access-Control-Allow-Origin', '*');
  return c.json({
    issuer: deps.tokens.issuer,
    jwks_uri: `${deps.origin}/.well-known/jwks.json`,
    authorization_endpoint: `${deps.origin}/signin`,
    id_token_signing_alg_values_supported: [SIGNIN_TOKEN_ALG],
    token_endpoint_auth_methods_supported: ['none'],
    subject_types_supported: ['public'],
    response_types_supported: ['id_token'],
    response_modes_supported: ['fragment'],
    claims_supported: ['iss', 'aud', 'sub', 'account', 'username', 'userid', 'amr', 'auth_time', 'sid', 'iat', 'exp', 'jti'],
    // Tokens for apps carry `audience`; the IAM API's own tokens carry `iam_audience` and no app should accept them.
    audience: deps.tokens.audience,
    iam_audience: deps.tokens.iamAudience,
  });
});

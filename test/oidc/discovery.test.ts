// The provider's metadata as a relying-party library reads it: one document at both well-known names,
// every endpoint it names answering at that address, and each advertised capability the one the
// endpoints implement (S256 only, the `iss` authorization response parameter, no request objects).
import { describe, expect, it } from 'vitest';
import { gateway, ORIGIN } from './token-fixtures';

const fetchDoc = async (path: string) => {
  const res = await gateway().fetch(`${ORIGIN}${path}`);
  return { res, doc: (await res.json()) as Record<string, unknown> };
};

describe('discovery', () => {
  it('one document at /.well-known/openid-configuration and /.well-known/oauth-authorization-server, readable from any origin', async () => {
    const oidc = await fetchDoc('/.well-known/openid-configuration');
    const oauth = await fetchDoc('/.well-known/oauth-authorization-server');
    expect(oidc.res.status).toBe(200);
    expect(oauth.doc).toEqual(oidc.doc);
    for (const { res } of [oidc, oauth]) {
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    }
  });

  it('names the issuer and every endpoint of the contract', async () => {
    const { doc } = await fetchDoc('/.well-known/openid-configuration');
    expect(doc).toMatchObject({
      issuer: ORIGIN,
      authorization_endpoint: `${ORIGIN}/oauth2/authorize`,
      token_endpoint: `${ORIGIN}/oauth2/token`,
      userinfo_endpoint: `${ORIGIN}/oauth2/userinfo`,
      revocation_endpoint: `${ORIGIN}/oauth2/revoke`,
      introspection_endpoint: `${ORIGIN}/oauth2/introspect`,
      end_session_endpoint: `${ORIGIN}/oauth2/logout`,
      jwks_uri: `${ORIGIN}/.well-known/jwks.json`,
    });
  });

  it('advertises exactly what the endpoints do', async () => {
    const { doc } = await fetchDoc('/.well-known/openid-configuration');
    expect(doc).toMatchObject({
      scopes_supported: ['openid', 'profile'],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
      prompt_values_supported: ['none', 'login', 'consent', 'select_account'],
      authorization_response_iss_parameter_supported: true,
      request_parameter_supported: false,
      request_uri_parameter_supported: false,
      claims_parameter_supported: false,
      frontchannel_logout_supported: false,
      backchannel_logout_supported: false,
    });
    expect(doc.acr_values_supported).toEqual(expect.arrayContaining(['urn:edge-iam:acr:mfa', 'urn:edge-iam:acr:pwd']));
    expect(doc.claims_supported).toEqual(
      expect.arrayContaining(['sub', 'iss', 'aud', 'nonce', 'at_hash', 'auth_time', 'amr', 'acr', 'sid', 'account', 'preferred_username']),
    );
    // The legacy sign-in tokens' audiences stay, for apps that verify those.
    expect(doc).toMatchObject({ audience: 'edge-iam', iam_audience: 'edge-iam:iam' });
  });

  it('every back-channel endpoint it names is there (an unauthenticated call is an OAuth error, not a 404)', async () => {
    const { doc } = await fetchDoc('/.well-known/openid-configuration');
    for (const key of ['token_endpoint', 'revocation_endpoint', 'introspection_endpoint']) {
      const res = await gateway().fetch(doc[key] as string, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      });
      expect([400, 401]).toContain(res.status);
      expect(((await res.json()) as { error: string }).error).toMatch(/^invalid_(request|client)$/);
    }
    const userinfo = await gateway().fetch(doc.userinfo_endpoint as string);
    expect(userinfo.status).toBe(401);
    const jwks = (await (await gateway().fetch(doc.jwks_uri as string)).json()) as { keys: { alg: string }[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    expect(jwks.keys.every((k) => k.alg === 'ES256')).toBe(true);
  });
});

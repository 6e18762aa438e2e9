// What an app developer needs to connect an app: the issuer (which standard libraries discover
// everything else from), the discovery document's address, and a ten-line openid-client example filled
// in with this app's client id, first redirect URI and scopes. The secret is never written into it: the
// example reads it from the app's environment.
import type { FC } from 'hono/jsx';
import { Copyable, Section } from '../../ui/components';
import { discoveryUrl, type App } from './shared';

const js = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The openid-client (v6) sign-in for this app: discovery, authorization URL with PKCE and state, code exchange. */
export function openidClientSnippet(issuer: string, app: Pick<App, 'clientId' | 'clientType' | 'redirectUris' | 'scopes'>): string {
  // openid-client refuses a plain-http issuer unless told; only a local issuer is ever http.
  const insecure = issuer.startsWith('http:') ? ', { execute: [client.allowInsecureRequests] }' : '';
  const auth =
    app.clientType === 'confidential' ? `process.env.OIDC_CLIENT_SECRET${insecure ? ', undefined' : ''}` : 'undefined, client.None()';
  const redirect = app.redirectUris[0] ?? 'https://app.example.com/auth/callback';
  return [
    `import * as client from 'openid-client';`,
    `const config = await client.discovery(new URL(${js(issuer)}), ${js(app.clientId)}, ${auth}${insecure});`,
    `// Sign-in: keep code_verifier and state in the person's session, then redirect the browser to url.`,
    `const code_verifier = client.randomPKCECodeVerifier();`,
    `const state = client.randomState();`,
    `const code_challenge = await client.calculatePKCECodeChallenge(code_verifier);`,
    `const url = client.buildAuthorizationUrl(config, { redirect_uri: ${js(redirect)}, scope: ${js(app.scopes.join(' '))}, state, code_challenge, code_challenge_method: 'S256' });`,
    `// Callback (${redirect}): exchange the code; the ID token's claims say who signed in.`,
    `const tokens = await client.authorizationCodeGrant(config, new URL(callbackUrl), { pkceCodeVerifier: code_verifier, expectedState: state });`,
    `const { sub, preferred_username } = tokens.claims()!;`,
  ].join('\n');
}

export const DeveloperPanel: FC<{ issuer: string; app?: App | undefined }> = ({ issuer, app }) => (
  <Section title="Connecting an app" id="developer">
    <p>
      Any OpenID Connect library finds the sign-in, token and other endpoints from the issuer. The authorization code flow with PKCE (S256)
      is required for every app; apps registered here are the account’s own, so people are not asked to consent.
    </p>
    <dl class="summary">
      <div>
        <dt>Issuer</dt>
        <dd>
          <Copyable value={issuer} id="oidc-issuer" label="issuer" />
        </dd>
      </div>
      <div>
        <dt>Discovery URL</dt>
        <dd>
          <Copyable value={discoveryUrl(issuer)} id="oidc-discovery-url" label="discovery URL" />
        </dd>
      </div>
    </dl>
    {app ? (
      <>
        <h3 id="snippet-title">Sign people in with openid-client (Node.js)</h3>
        <p class="hint">
          {app.clientType === 'confidential'
            ? 'Set OIDC_CLIENT_SECRET in the app’s environment to the client secret; never put the secret in source code.'
            : 'A public app has no secret: PKCE proves its requests.'}{' '}
          callbackUrl is the full URL the browser came back to.
        </p>
        <pre aria-labelledby="snippet-title">
          <code id="oidc-snippet">{openidClientSnippet(issuer, app)}</code>
        </pre>
      </>
    ) : null}
  </Section>
);

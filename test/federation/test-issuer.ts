// A test OpenID Connect issuer for AssumeRoleWithWebIdentity in workerd: keys generated in the test
// (jose), its discovery document and JWKS served by a small Hono app, and the workers' outbound fetches
// to its origin answered by that app. The identity worker runs in this same isolate and calls the
// global fetch, so the test routes that (as test/passwords/breached.test.ts does for its fake range
// API): only the fake issuers' origins are answered, everything else goes to the real fetch. Nothing
// of this service is mocked; only the world outside it is.
import { Hono } from 'hono';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { vi } from 'vitest';

export type SigningAlg = 'RS256' | 'ES256';

interface IssuerKey {
  kid: string;
  alg: SigningAlg;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function newKey(alg: SigningAlg): Promise<IssuerKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `${alg.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}`;
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export interface TestIssuer {
  /** the issuer URL, as tokens name it in `iss` */
  readonly url: string;
  /** the URL without `https://`: the provider part of its condition keys and ARN */
  readonly id: string;
  /** every URL the workers fetched from it */
  readonly requests: string[];
  /** answer every request with this status (e.g. 503), or throw like an unreachable host ('down') */
  outage: number | 'down' | null;
  /** a signed ID token: `iss`, `iat` and `exp` (an hour) are set unless the claims give them */
  sign(claims: JWTPayload, opts?: { kid?: string; typ?: string }): Promise<string>;
  /** a new signing key, published next to the old ones (or instead of them); returns its kid */
  rotate(opts?: { retireOld?: boolean }): Promise<string>;
  /** the public JWKs it publishes */
  publicKeys(): JWK[];
  fetch(req: Request): Promise<Response>;
}

export async function testIssuer(opts: { url?: string; alg?: SigningAlg } = {}): Promise<TestIssuer> {
  const alg = opts.alg ?? 'RS256';
  const url = opts.url ?? `https://${crypto.randomUUID()}.issuer.test`;
  let keys = [await newKey(alg)];
  const requests: string[] = [];
  const app = new Hono();
  app.get('/.well-known/openid-configuration', (c) =>
    c.json({
      issuer: url,
      jwks_uri: `${url}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: [alg],
      response_types_supported: ['id_token'],
    }),
  );
  app.get('/.well-known/jwks.json', (c) => c.json({ keys: keys.map((k) => k.publicJwk) }));
  const issuer: TestIssuer = {
    url,
    id: url.replace(/^https?:\/\//, ''),
    requests,
    outage: null,
    async sign(claims, o = {}) {
      const key = o.kid ? keys.find((k) => k.kid === o.kid)! : keys.at(-1)!;
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iat: now, exp: now + 3600, iss: url, ...claims })
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: o.typ ?? 'JWT' })
        .sign(key.privateKey);
    },
    async rotate(o = {}) {
      const next = await newKey(alg);
      keys = o.retireOld ? [next] : [...keys, next];
      return next.kid;
    },
    publicKeys: () => keys.map((k) => k.publicJwk),
    async fetch(req) {
      requests.push(req.url);
      if (issuer.outage === 'down') throw new TypeError('fetch failed: connection refused');
      if (issuer.outage !== null) return new Response('unavailable', { status: issuer.outage });
      return app.fetch(req);
    },
  };
  return issuer;
}

/**
 * Answers the workers' outbound fetches to the issuers' origins with the issuers; anything else goes
 * to the real fetch. Call `vi.restoreAllMocks()` after each test (an afterEach in the test file).
 */
export function routeFetchTo(...issuers: TestIssuer[]): void {
  const real = globalThis.fetch.bind(globalThis);
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const req = new Request(input as RequestInfo, init);
    const issuer = issuers.find((i) => new URL(req.url).origin === new URL(i.url).origin);
    return issuer ? issuer.fetch(req) : real(req);
  });
}

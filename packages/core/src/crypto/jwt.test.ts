// verifySigninToken accepts exactly the tokens the sign-in worker issues, and nothing an attacker can
// forge from what is public (the JWKS).
import { importJWK, SignJWT, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateSigningKey, signSigninToken, tokenConfig, verifySigninToken, type SigninTokenClaims } from './jwt';
import { bytesToBase64Url, utf8 } from '../util/encoding';

const now = new Date('2026-03-01T12:00:00Z');
const iat = Math.floor(now.getTime() / 1000);
const claims: SigninTokenClaims = {
  iss: 'https://iam.example',
  aud: 'edge-iam',
  sub: 'arn:aws:iam::123456789012:user/tom',
  account: '123456789012',
  username: 'tom',
  userid: 'AIDAEXAMPLEEXAMPLE1',
  amr: ['pwd'],
  auth_time: iat,
  sid: 's1',
  iat,
  exp: iat + 900,
  jti: 'j1',
};
const opts = { issuer: 'https://iam.example', audience: 'edge-iam', now };

async function setup() {
  const key = await generateSigningKey();
  const privateKey = (await importJWK(key.privateJwk, 'ES256')) as CryptoKey;
  const token = await signSigninToken(claims, { kid: key.kid, privateKey });
  return { key, privateKey, token, jwks: { keys: [key.publicJwk] } };
}

const b64json = (v: unknown) => bytesToBase64Url(utf8.encode(JSON.stringify(v)));

describe('verifySigninToken', () => {
  it('accepts a token signed by a published key and returns its claims', async () => {
    const { token, jwks } = await setup();
    const v = await verifySigninToken(token, jwks, opts);
    expect(v).toEqual({ ok: true, claims });
  });

  it('rejects alg none', async () => {
    // Threat: an unsigned token ("alg":"none") accepted as valid by a permissive verifier.
    const { key, jwks } = await setup();
    const forged = `${b64json({ alg: 'none', kid: key.kid, typ: 'JWT' })}.${b64json({ ...claims, sub: 'arn:aws:iam::123456789012:root' })}.`;
    expect(await verifySigninToken(forged, jwks, opts)).toMatchObject({ ok: false, reason: 'algorithm-not-allowed' });
  });

  it('rejects an HS256 token signed with the public key as the HMAC secret', async () => {
    // Threat: algorithm confusion, where the public JWKS becomes an HMAC key anyone can sign with.
    const { key, jwks } = await setup();
    for (const secret of [utf8.encode(JSON.stringify(key.publicJwk)), utf8.encode(key.publicJwk.x!)]) {
      const forged = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', kid: key.kid }).sign(secret);
      expect(await verifySigninToken(forged, jwks, opts)).toMatchObject({ ok: false, reason: 'algorithm-not-allowed' });
    }
  });

  it('rejects a token for another audience or from another issuer', async () => {
    // Threat: a token minted for one app (or by another issuer) replayed against another.
    const { token, jwks } = await setup();
    expect(await verifySigninToken(token, jwks, { ...opts, audience: 'other-app' })).toMatchObject({ ok: false, reason: 'wrong-audience' });
    expect(await verifySigninToken(token, jwks, { ...opts, issuer: 'https://evil.example' })).toMatchObject({
      ok: false,
      reason: 'wrong-issuer',
    });
  });

  it("keeps the apps' and the IAM API's audiences apart; a verifier may accept either of several", async () => {
    // Threat: a token handed to an app accepted where only the person's own IAM token should be.
    const { key, privateKey, jwks } = await setup();
    const cfg = tokenConfig({ JWT_ISSUER: 'https://iam.example' }, 'https://iam.example');
    const iamToken = await signSigninToken({ ...claims, aud: cfg.iamAudience }, { kid: key.kid, privateKey });
    expect(await verifySigninToken(iamToken, jwks, { ...opts, audience: cfg.audience })).toMatchObject({ reason: 'wrong-audience' });
    expect((await verifySigninToken(iamToken, jwks, { ...opts, audience: cfg.iamAudience })).ok).toBe(true);
    expect((await verifySigninToken(iamToken, jwks, { ...opts, audience: [cfg.audience, cfg.iamAudience] })).ok).toBe(true);
  });

  it('rejects a token without the session it belongs to (sid)', async () => {
    // Threat: a token that cannot be revoked because it names no sign-in session.
    const { key, privateKey, jwks } = await setup();
    const { sid: _sid, ...withoutSid } = claims;
    const token = await signSigninToken({ ...withoutSid } as SigninTokenClaims, { kid: key.kid, privateKey });
    expect(await verifySigninToken(token, jwks, opts)).toMatchObject({ ok: false, reason: 'missing-claims' });
    const numeric = await signSigninToken({ ...claims, sid: 7 } as unknown as SigninTokenClaims, { kid: key.kid, privateKey });
    expect(await verifySigninToken(numeric, jwks, opts)).toMatchObject({ ok: false, reason: 'missing-claims' });
  });

  it('rejects an expired token', async () => {
    // Threat: a leaked token used after its lifetime.
    const { token, jwks } = await setup();
    const later = new Date(now.getTime() + 901_000);
    expect(await verifySigninToken(token, jwks, { ...opts, now: later })).toMatchObject({ ok: false, reason: 'expired' });
    expect((await verifySigninToken(token, jwks, { ...opts, now: new Date(now.getTime() + 899_000) })).ok).toBe(true);
  });

  it('rejects an unknown kid, a missing kid, and a token signed by an unpublished key', async () => {
    // Threat: a token signed with the attacker's own key, pointing at it (or at nothing) by kid.
    const { key, jwks } = await setup();
    const attacker = await generateSigningKey();
    const attackerKey = (await importJWK(attacker.privateJwk, 'ES256')) as CryptoKey;
    const own = await signSigninToken(claims, { kid: attacker.kid, privateKey: attackerKey });
    expect(await verifySigninToken(own, jwks, opts)).toMatchObject({ ok: false, reason: 'unknown-kid' });
    const spoofed = await signSigninToken(claims, { kid: key.kid, privateKey: attackerKey });
    expect(await verifySigninToken(spoofed, jwks, opts)).toMatchObject({ ok: false, reason: 'bad-signature' });
    const noKid = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'ES256' }).sign(attackerKey);
    expect(await verifySigninToken(noKid, jwks, opts)).toMatchObject({ ok: false, reason: 'unknown-kid' });
  });

  it('rejects a tampered payload and garbage', async () => {
    // Threat: editing claims (say, sub) of a genuine token.
    const { token, jwks } = await setup();
    const [h, , s] = token.split('.');
    const tampered = `${h}.${b64json({ ...claims, sub: 'arn:aws:iam::123456789012:root' })}.${s}`;
    expect(await verifySigninToken(tampered, jwks, opts)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(await verifySigninToken('not-a-token', jwks, opts)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('accepts a key list as well as a JWKS object', async () => {
    const { token, key } = await setup();
    expect((await verifySigninToken(token, [key.publicJwk as JWK], opts)).ok).toBe(true);
  });
});

describe('tokenConfig', () => {
  it('defaults the issuer to the origin and bounds the TTL', () => {
    expect(tokenConfig({}, 'http://localhost:8787')).toEqual({
      issuer: 'http://localhost:8787',
      audience: 'edge-iam',
      iamAudience: 'edge-iam:iam',
      ttlSeconds: 900,
    });
    expect(tokenConfig({ JWT_ISSUER: 'https://iam.example', JWT_AUDIENCE: 'https://iam.example' }, 'x').iamAudience).toBe(
      'https://iam.example:iam',
    );
    expect(tokenConfig({ JWT_ISSUER: 'https://iam.example', JWT_AUDIENCE: 'app', JWT_TTL_SECONDS: '3600' }, 'x').ttlSeconds).toBe(3600);
    expect(() => tokenConfig({ JWT_TTL_SECONDS: '10' }, 'http://localhost')).toThrow(/JWT_TTL_SECONDS/);
    expect(() => tokenConfig({ JWT_TTL_SECONDS: '999999' }, 'http://localhost')).toThrow(/JWT_TTL_SECONDS/);
  });

  it('issuer from the Host header: outside local development JWT_ISSUER must be set, or no token is issued', () => {
    // Threat: a request sent with `Host: evil.example` making the service sign tokens naming that issuer.
    expect(() => tokenConfig({}, 'https://evil.example')).toThrow(/JWT_ISSUER is not set/);
    expect(() => tokenConfig({}, 'https://localhost.evil.example')).toThrow(/JWT_ISSUER is not set/);
    expect(tokenConfig({ JWT_ISSUER: 'https://iam.example.com' }, 'https://evil.example').issuer).toBe('https://iam.example.com');
    expect(tokenConfig({}, 'http://127.0.0.1:8787').issuer).toBe('http://127.0.0.1:8787');
  });
});

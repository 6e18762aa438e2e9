// The authorization endpoint and RP-initiated logout against the attacks OAuth 2 security best
// current practice (RFC 9700) names: each test is named after its threat and says what it defends.
import { describe, expect, it } from 'vitest';
import { signSigninToken } from '../../packages/core/src/crypto/jwt';
import { findCode } from '../../packages/core/src/repo/oauth-grants';
import { activeSigningKey } from '../../packages/core/src/repo/signing-keys';
import { db, serviceKeys } from '../helpers';
import { account, Browser, get, ORIGIN, signinAsUser, user } from '../signin/fixtures';
import { APP, authorizeUrl, codesOf, isLive, location, registerClient, sessionOf } from './authorize-fixtures';
import { base64url, s256 } from './token-fixtures';

/** A browser signed in to `accountId` as a fresh IAM user. */
async function signedIn(accountId: string) {
  const tom = await user(accountId, `tom-${crypto.randomUUID().slice(0, 6)}`);
  const b = new Browser();
  expect((await signinAsUser(b, accountId, tom.name, tom.password)).status).toBe(303);
  return { b, tom };
}

const sidOf = async (b: Browser) => (await sessionOf(b)).sessionId!;

describe('open redirect', () => {
  it('never redirects to, nor issues a code for, a redirect URI that is not registered character for character', async () => {
    // Threat: a link to our real authorization endpoint that sends the person, and a code for their
    // live session, to an attacker's page: a lookalike of the app's registered redirect URI (RFC 9700 §4.1).
    const a = await account();
    const clientId = await registerClient(a.accountId);
    const otherClientsUri = 'https://other.example.com/callback';
    await registerClient(a.accountId, { redirectUris: [otherClientsUri] });
    const { b } = await signedIn(a.accountId);
    const lookalikes = [
      'https://app.example.com/callback/', // trailing slash
      'https://app.example.com/call', // prefix
      'https://app.example.com/callbackx',
      'https://app.example.com/callback/../evil',
      'https://app.example.com/callback?next=https://evil.example/',
      'https://app.example.com/callback#x',
      'https://app.example.com:8443/callback', // other port
      'https://app.example.com:443/callback', // the default port spelled out is still another string
      'https://app.example.com./callback', // trailing-dot host
      'https://APP.example.com/callback',
      'http://app.example.com/callback',
      'https://evil@app.example.com/callback', // userinfo
      'https://app.example.com@evil.example/callback',
      'https://app.example.com%40evil.example/callback',
      'https://app.example.com/%63allback', // percent-encoded
      'https%3A%2F%2Fapp.example.com%2Fcallback', // encoded twice
      'https://app.example.com\\@evil.example/callback',
      ' https://app.example.com/callback',
      'https://app.example.com/callback%00',
      'https://app.example.com.evil.example/callback',
      '//app.example.com/callback',
      otherClientsUri, // registered, but to another app
    ];
    for (const redirectUri of lookalikes) {
      for (const prompt of [undefined, 'none']) {
        const res = await b.get((await authorizeUrl(clientId, { redirect_uri: redirectUri, prompt })).url);
        expect(res.status, redirectUri).toBe(400);
        expect(res.headers.get('location'), redirectUri).toBeNull();
        expect(await res.text()).toContain('This sign-in link does not work');
      }
    }
    expect(await codesOf(clientId)).toHaveLength(0);
  });

  it('keeps a registered query string exact: another query is refused, the registered one gets the code added', async () => {
    // Threat: an app's own redirect URI with attacker-chosen query parameters (an open redirect inside the app).
    const registered = 'https://app.example.com/callback?tenant=1';
    const a = await account();
    const clientId = await registerClient(a.accountId, { redirectUris: [registered] });
    const { b } = await signedIn(a.accountId);
    expect((await b.get((await authorizeUrl(clientId, { redirect_uri: 'https://app.example.com/callback?tenant=2' })).url)).status).toBe(
      400,
    );
    const ok = location(await b.get((await authorizeUrl(clientId, { redirect_uri: registered })).url));
    expect(ok.startsWith(`${registered}&code=`)).toBe(true);
  });
});

describe('code injection', () => {
  it('binds every code to its client, redirect URI and PKCE challenge, and stores only its hash', async () => {
    // Threat: an attacker injects a stolen (or their own) code into another client's or victim's
    // callback; PKCE binds the code to the verifier only the requesting app instance holds (RFC 9700 §4.5).
    const a = await account();
    const appA = await registerClient(a.accountId);
    const appB = await registerClient(a.accountId);
    const { b } = await signedIn(a.accountId);
    const reqA = await authorizeUrl(appA);
    const reqB = await authorizeUrl(appB);
    const codeA = new URL(location(await b.get(reqA.url))).searchParams.get('code')!;
    const codeB = new URL(location(await b.get(reqB.url))).searchParams.get('code')!;
    const rowA = (await findCode(db(), codeA))!;
    const rowB = (await findCode(db(), codeB))!;
    expect(rowA).toMatchObject({ clientId: appA, redirectUri: APP, codeChallenge: await s256(reqA.verifier) });
    expect(rowB).toMatchObject({ clientId: appB, codeChallenge: await s256(reqB.verifier) });
    // The other request's verifier does not answer this code's challenge.
    expect(await s256(reqB.verifier)).not.toBe(rowA.codeChallenge);
    // A leaked table holds no usable code.
    for (const row of await codesOf(appA)) expect(row.codeHash).not.toBe(codeA);
  });
});

describe('PKCE downgrade', () => {
  it('refuses a plain, unknown or absent challenge method and an absent challenge, even with a live session', async () => {
    // Threat: an attacker strips PKCE from the request (or asks for `plain`, where the challenge is the
    // verifier itself) so that a code stolen from the redirect can be redeemed without the verifier.
    const a = await account();
    const clientId = await registerClient(a.accountId);
    const { b } = await signedIn(a.accountId);
    for (const extra of [
      { code_challenge_method: 'plain' },
      { code_challenge_method: undefined },
      { code_challenge_method: 's256' },
      { code_challenge_method: 'S512' },
      { code_challenge: undefined },
      { code_challenge: undefined, code_challenge_method: undefined },
    ]) {
      const q = new URL(location(await b.get((await authorizeUrl(clientId, extra)).url))).searchParams;
      expect(q.get('error'), JSON.stringify(extra)).toBe('invalid_request');
      expect(q.get('error_description')).toMatch(/S256|code_challenge/);
      expect(q.get('code')).toBeNull();
    }
    expect(await codesOf(clientId)).toHaveLength(0);
  });
});

describe('mix-up', () => {
  it('names the issuer (iss, RFC 9207) on every authorization response, success and error alike', async () => {
    // Threat: an app that uses several providers is made to send one provider's code to another
    // (mix-up, RFC 9700 §4.4); `iss` tells the app which provider answered.
    const issuer = ((await (await get('/.well-known/openid-configuration')).json()) as { issuer: string }).issuer;
    expect(issuer).toBe(ORIGIN);
    const a = await account();
    const clientId = await registerClient(a.accountId);
    const { b } = await signedIn(a.accountId);
    const answers = [
      await b.get((await authorizeUrl(clientId)).url),
      await b.get((await authorizeUrl(clientId, { scope: 'email' })).url),
      await b.get((await authorizeUrl(clientId, { response_type: 'token' })).url),
      await new Browser().get((await authorizeUrl(clientId, { prompt: 'none' })).url),
    ];
    for (const res of answers) {
      const q = new URL(location(res)).searchParams;
      expect(q.getAll('iss')).toEqual([issuer]);
    }
  });
});

describe('token leakage in URLs', () => {
  it('puts only code, state and iss in the query (no token, no fragment), and sends no Referer from our pages', async () => {
    // Threat: tokens in URLs leak through browser history, server logs and Referer headers (RFC 9700 §4.2-§4.3).
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const clientId = await registerClient(a.accountId);
    const b = new Browser();
    const first = await b.get((await authorizeUrl(clientId)).url);
    const back = new URL(location(first), ORIGIN).searchParams.get('redirect_uri')!;
    const signedIn = await signinAsUser(b, a.accountId, 'tom', tom.password, { redirect_uri: back });
    const page = await signedIn.text();
    expect(page).toContain('<meta name="referrer" content="no-referrer"');
    expect(page).not.toMatch(/[?&#](access_|id_)?token=/);
    const target = /content="0;url=([^"]+)"/.exec(page)![1]!.replace(/&amp;/g, '&');
    const answer = await b.get(target);
    for (const res of [first, signedIn, answer]) {
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    const to = location(answer);
    expect(to).not.toContain('#');
    expect([...new URL(to).searchParams.keys()].sort()).toEqual(['code', 'iss', 'state']);
    expect(to).not.toMatch(/token/i);
  });
});

describe('request objects and alg: none', () => {
  it('refuses request objects (signed or alg: none) and request_uri, whatever they try to smuggle', async () => {
    // Threat: an unsigned (`alg: none`) or forged request object overrides the checked parameters
    // (another redirect URI, no PKCE); we take plain parameters only (request_parameter_supported: false).
    const a = await account();
    const clientId = await registerClient(a.accountId);
    const { b } = await signedIn(a.accountId);
    const header = base64url(new TextEncoder().encode(JSON.stringify({ alg: 'none', typ: 'JWT' })));
    const body = base64url(
      new TextEncoder().encode(JSON.stringify({ client_id: clientId, redirect_uri: 'https://evil.example/cb', response_type: 'code' })),
    );
    const q1 = new URL(location(await b.get((await authorizeUrl(clientId, { request: `${header}.${body}.` })).url))).searchParams;
    expect(q1.get('error')).toBe('request_not_supported');
    const q2 = new URL(location(await b.get((await authorizeUrl(clientId, { request_uri: 'urn:ietf:params:oauth:request_uri:abc' })).url)))
      .searchParams;
    expect(q2.get('error')).toBe('request_uri_not_supported');
    expect(await codesOf(clientId)).toHaveLength(0);
  });

  it('refuses an alg: none ID token as a logout hint, and signs no one out', async () => {
    // Threat: an unsigned ID token naming the victim's session (`sid`) makes the sign-out skip its confirmation.
    const a = await account();
    const clientId = await registerClient(a.accountId);
    const { b } = await signedIn(a.accountId);
    const claims = { iss: ORIGIN, aud: clientId, sub: 'x', sid: await sidOf(b), exp: Math.floor(Date.now() / 1000) + 600 };
    const forged = `${base64url(new TextEncoder().encode(JSON.stringify({ alg: 'none', typ: 'JWT' })))}.${base64url(new TextEncoder().encode(JSON.stringify(claims)))}.`;
    const res = await b.get(`/oauth2/logout?${new URLSearchParams({ id_token_hint: forged })}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('This sign-out link does not work');
    expect(await isLive(b.session!)).toBe(true);
  });
});

describe('CSRF on logout', () => {
  it('signs no one out on a cross-site or token-less POST, nor on a GET without a hint for this session', async () => {
    // Threat: any page the person visits ends their sessions at will (logout CSRF): a hidden cross-site
    // form, an <img src> on /oauth2/logout, or a real ID token from another (old) session of theirs.
    const a = await account();
    const clientId = await registerClient(a.accountId, { postLogoutRedirectUris: ['https://app.example.com/bye'] });
    const { b, tom } = await signedIn(a.accountId);
    const token = b.session!;
    // The spec's POST variant from another site is answered with the confirmation page, nothing more.
    const crossSite = await b.post('/oauth2/logout', { client_id: clientId }, { origin: 'https://evil.example', csrf: null });
    expect(crossSite.status).toBe(200);
    expect(await crossSite.text()).toContain('Sign out of edge-iam?');
    // The sign-out itself needs this site's origin and token.
    const forged = await b.post('/oauth2/logout/confirm', { client_id: clientId }, { origin: 'https://evil.example', csrf: null });
    expect(forged.status).toBe(403);
    const noToken = await b.post('/oauth2/logout/confirm', { client_id: clientId }, { csrf: null });
    expect(noToken.status).toBe(403);
    const wrongToken = await b.post('/oauth2/logout/confirm', { client_id: clientId }, { csrf: 'A'.repeat(43) });
    expect(wrongToken.status).toBe(403);
    expect(await isLive(token)).toBe(true);

    const plain = await b.get(
      `/oauth2/logout?${new URLSearchParams({ client_id: clientId, post_logout_redirect_uri: 'https://app.example.com/bye' })}`,
    );
    expect(plain.status).toBe(200);
    expect(plain.headers.get('location')).toBeNull();
    expect(await plain.text()).toContain('Sign out of edge-iam?');

    // A genuine ID token, but for an old session of the same person: still only the confirmation.
    const old = new Browser();
    await signinAsUser(old, a.accountId, tom.name, tom.password);
    const key = await activeSigningKey(db(), (await serviceKeys()).masterKey, new Date());
    const now = Math.floor(Date.now() / 1000);
    const hint = await signSigninToken(
      {
        iss: ORIGIN,
        aud: clientId,
        sub: tom.id,
        account: a.accountId,
        userid: tom.id,
        amr: ['pwd'],
        auth_time: now,
        sid: await sidOf(old),
        iat: now,
        exp: now + 600,
        jti: 'j',
      },
      key,
    );
    const other = await b.get(`/oauth2/logout?${new URLSearchParams({ id_token_hint: hint })}`);
    expect(other.status).toBe(200);
    expect(await other.text()).toContain('Sign out of edge-iam?');
    expect(await isLive(token)).toBe(true);
  });
});

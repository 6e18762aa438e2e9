// Threats to federation into roles, each test named after the threat it defends against. Web identity:
// forged, confused, foreign, stale and misdirected tokens, a provider the role's account never
// registered, a role that does not trust the provider, a GitHub token of another repository, and an
// issuer's key endpoint made into a fetch loop. SAML: replayed assertions (also concurrently), keys
// not in the provider's metadata, unsigned and expired assertions, other audiences, and role grants
// for another account. Every refusal issues no credentials.
import {
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  UpdateSAMLProviderCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleWithSAMLCommand, AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { eq } from 'drizzle-orm';
import { SignJWT, base64url } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { temporaryCredentials } from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { rootClient, signedQuery } from '../iam/clients';
import { anonymousSts, policy, unsignedQuery } from './clients';
import { createTestIdp } from './saml-fixtures';
import { routeFetchTo, testIssuer, type TestIssuer } from './test-issuer';

afterEach(() => vi.restoreAllMocks());

const github = await testIssuer({ url: 'https://token.actions.githubusercontent.com' });

async function credentialsOfAccount(acct: string) {
  return db().select({ id: temporaryCredentials.id }).from(temporaryCredentials).where(eq(temporaryCredentials.accountId, acct));
}

/** A fresh account trusting `issuer` (client ids `app` unless given) with role `app`, whose trust checks `aud` unless told otherwise. */
async function trusting(issuer: TestIssuer, condition?: object, clientIds = ['app']) {
  routeFetchTo(issuer, github);
  const { iam: root, account, creds } = await rootClient();
  const acct = account.accountId;
  const { OpenIDConnectProviderArn } = await root.send(
    new CreateOpenIDConnectProviderCommand({ Url: issuer.url, ClientIDList: clientIds }),
  );
  await root.send(
    new CreateRoleCommand({
      RoleName: 'app',
      AssumeRolePolicyDocument: policy([
        {
          Effect: 'Allow',
          Principal: { Federated: OpenIDConnectProviderArn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: condition ?? { StringEquals: { [`${issuer.id}:aud`]: 'app' } },
        },
      ]),
    }),
  );
  return { root, acct, creds, providerArn: OpenIDConnectProviderArn!, roleArn: `arn:aws:iam::${acct}:role/app` };
}

const assume = (roleArn: string, token: string) =>
  anonymousSts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: 'attacker', WebIdentityToken: token }));

const invalidToken = { name: 'InvalidIdentityTokenException' };

describe('web identity tokens', () => {
  it('threat: alg none — an unsigned token taken as signed', async () => {
    // An attacker writes any claims with `alg: none` and no signature, hoping the verifier trusts the header.
    const issuer = await testIssuer();
    const { acct, roleArn } = await trusting(issuer);
    const now = Math.floor(Date.now() / 1000);
    const part = (o: object) => base64url.encode(JSON.stringify(o));
    const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: issuer.url, aud: 'app', sub: 'admin', iat: now, exp: now + 600 })}.`;
    await expect(assume(roleArn, unsigned)).rejects.toMatchObject(invalidToken);
    expect(await credentialsOfAccount(acct)).toEqual([]);
  });

  it("threat: HS256 signed with the issuer's public key (algorithm confusion)", async () => {
    // The issuer's public key is public: a verifier that lets the token pick HMAC would check the MAC with that key.
    const issuer = await testIssuer();
    const { roleArn } = await trusting(issuer);
    const jwk = issuer.publicKeys()[0]!;
    const forged = await new SignJWT({ aud: 'app', sub: 'admin', iss: issuer.url })
      .setProtectedHeader({ alg: 'HS256', kid: jwk.kid! })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(JSON.stringify(jwk)));
    await expect(assume(roleArn, forged)).rejects.toMatchObject({ ...invalidToken, message: expect.stringContaining('not accepted') });
  });

  it("threat: a token signed with the attacker's own key, claiming the registered issuer (and its kid)", async () => {
    // The attacker runs an issuer of their own and mints tokens naming the victim's issuer in `iss`.
    const issuer = await testIssuer();
    const attacker = await testIssuer();
    const { roleArn } = await trusting(issuer);
    const ownKid = await attacker.sign({ aud: 'app', sub: 'admin', iss: issuer.url });
    await expect(assume(roleArn, ownKid)).rejects.toMatchObject(invalidToken);
    // The same with the victim's kid in the header: the signature does not verify with the victim's key.
    const [, payload, signature] = ownKid.split('.');
    const header = base64url.encode(JSON.stringify({ alg: 'RS256', kid: issuer.publicKeys()[0]!.kid, typ: 'JWT' }));
    await expect(assume(roleArn, `${header}.${payload}.${signature}`)).rejects.toMatchObject(invalidToken);
  });

  it('threat: a token altered after it was signed', async () => {
    // A genuine token's payload is edited (another subject) while its signature is kept.
    const issuer = await testIssuer();
    const { roleArn } = await trusting(issuer, { StringEquals: { [`${issuer.id}:sub`]: 'admin' } });
    const [header, , signature] = (await issuer.sign({ aud: 'app', sub: 'nobody' })).split('.');
    const now = Math.floor(Date.now() / 1000);
    const edited = base64url.encode(JSON.stringify({ iss: issuer.url, aud: 'app', sub: 'admin', iat: now, exp: now + 600 }));
    await expect(assume(roleArn, `${header}.${edited}.${signature}`)).rejects.toMatchObject(invalidToken);
  });

  it('threat: wrong issuer — a token from an issuer the role’s account never registered', async () => {
    // Any issuer on the internet can sign tokens; only those the account registered may be trusted.
    const registered = await testIssuer();
    const stranger = await testIssuer();
    const { roleArn } = await trusting(registered);
    routeFetchTo(registered, stranger);
    await expect(assume(roleArn, await stranger.sign({ aud: 'app', sub: 'admin' }))).rejects.toMatchObject({
      ...invalidToken,
      message: `No OpenIDConnect provider found in your account for ${stranger.url}`,
    });
  });

  it('threat: a provider registered in another account lends its trust to this one', async () => {
    // Account B registers the issuer; account A's role names B's provider ARN. A's account has no provider: refused.
    const issuer = await testIssuer();
    const b = await trusting(issuer);
    const { iam: a, account } = await rootClient();
    await a.send(
      new CreateRoleCommand({
        RoleName: 'app',
        AssumeRolePolicyDocument: policy([
          { Effect: 'Allow', Principal: { Federated: b.providerArn }, Action: 'sts:AssumeRoleWithWebIdentity' },
        ]),
      }),
    );
    await expect(assume(`arn:aws:iam::${account.accountId}:role/app`, await issuer.sign({ aud: 'app', sub: 'u' }))).rejects.toMatchObject({
      ...invalidToken,
      message: expect.stringContaining('No OpenIDConnect provider found in your account'),
    });
  });

  it('threat: wrong audience — a token issued to another app of the same issuer', async () => {
    // The issuer serves many apps; a token for one of them must not open a role meant for another.
    const issuer = await testIssuer();
    const { roleArn } = await trusting(issuer);
    await expect(assume(roleArn, await issuer.sign({ aud: 'another-app', sub: 'u' }))).rejects.toMatchObject({
      ...invalidToken,
      message: 'Incorrect token audience',
    });
  });

  it('threat: an expired token (or one not valid yet, or without exp) replayed later', async () => {
    // A token leaked from a log must stop working when it expires.
    const issuer = await testIssuer();
    const { roleArn } = await trusting(issuer);
    const now = Math.floor(Date.now() / 1000);
    await expect(assume(roleArn, await issuer.sign({ aud: 'app', sub: 'u', iat: now - 7200, exp: now - 3600 }))).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      message: expect.stringMatching(/^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/),
    });
    await expect(assume(roleArn, await issuer.sign({ aud: 'app', sub: 'u', nbf: now + 3600 }))).rejects.toMatchObject(invalidToken);
    await expect(assume(roleArn, await issuer.sign({ aud: 'app', sub: 'u', exp: undefined }))).rejects.toMatchObject(invalidToken);
  });

  it('threat: an OAuth access token (typ at+jwt) presented as an ID token', async () => {
    // An access token is meant for a resource server; it proves nothing to STS about who signed in.
    const issuer = await testIssuer();
    const { roleArn } = await trusting(issuer);
    await expect(assume(roleArn, await issuer.sign({ aud: 'app', sub: 'u' }, { typ: 'at+jwt' }))).rejects.toMatchObject(invalidToken);
  });

  it('threat: a role that does not trust the provider (and one that does not exist) — the same AccessDenied', async () => {
    // A valid token of a registered provider must open only the roles whose trust policy names it.
    const issuer = await testIssuer();
    const other = await testIssuer();
    const { root, acct } = await trusting(issuer);
    routeFetchTo(issuer, other);
    const { OpenIDConnectProviderArn } = await root.send(new CreateOpenIDConnectProviderCommand({ Url: other.url, ClientIDList: ['app'] }));
    await root.send(
      new CreateRoleCommand({
        RoleName: 'others-only',
        AssumeRolePolicyDocument: policy([
          { Effect: 'Allow', Principal: { Federated: OpenIDConnectProviderArn }, Action: 'sts:AssumeRoleWithWebIdentity' },
        ]),
      }),
    );
    const token = await issuer.sign({ aud: 'app', sub: 'u' });
    for (const role of ['others-only', 'missing']) {
      await expect(assume(`arn:aws:iam::${acct}:role/${role}`, token), role).rejects.toMatchObject({
        name: 'AccessDenied',
        message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
      });
    }
    expect(await credentialsOfAccount(acct)).toEqual([]);
  });

  it("threat: a GitHub Actions token of another repository (the trust policy's sub condition)", async () => {
    // Every GitHub repository gets tokens from the same issuer and audience; only `sub` tells them apart.
    const { roleArn } = await trusting(
      github,
      {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' },
      },
      ['sts.amazonaws.com'],
    );
    const claims = (repo: string) => ({ aud: 'sts.amazonaws.com', sub: `repo:${repo}:ref:refs/heads/main`, repository: repo });
    await expect(assume(roleArn, await github.sign(claims('evil/app')))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(assume(roleArn, await github.sign(claims('acme/app')))).resolves.toMatchObject({
      SubjectFromWebIdentityToken: 'repo:acme/app:ref:refs/heads/main',
    });
  });

  it("threat: tokens naming random kids turn the service into a fetch loop against the issuer's JWKS", async () => {
    // Each unknown kid may mean a rotated key, so one refetch is allowed; a flood of them must not hammer the provider.
    const issuer = await testIssuer();
    const { roleArn } = await trusting(issuer);
    await assume(roleArn, await issuer.sign({ aud: 'app', sub: 'u' }));
    const [, payload, signature] = (await issuer.sign({ aud: 'app', sub: 'u' })).split('.');
    for (let i = 0; i < 10; i++) {
      const header = base64url.encode(JSON.stringify({ alg: 'RS256', kid: `random-${i}` }));
      await expect(assume(roleArn, `${header}.${payload}.${signature}`)).rejects.toMatchObject(invalidToken);
    }
    expect(issuer.requests.filter((u) => u.endsWith('/jwks.json')).length).toBeLessThanOrEqual(4);
  });

  it("threat: a signed request stands in for the token (the caller's own credentials are not a web identity)", async () => {
    // An administrator's SigV4 signature must not make a bad token acceptable: the token is the only proof.
    const issuer = await testIssuer();
    const { roleArn, creds } = await trusting(issuer);
    const res = await signedQuery(
      creds,
      new URLSearchParams({
        Action: 'AssumeRoleWithWebIdentity',
        Version: '2011-06-15',
        RoleArn: roleArn,
        RoleSessionName: 'signed-call',
        WebIdentityToken: 'not.a.token',
      }).toString(),
      'sts',
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>InvalidIdentityToken</Code>');
  });

  it('threat: malformed input reaches the verifier (no 500s, nothing written)', async () => {
    // Garbage of every shape in place of a token must be refused with a 4xx, never crash the worker.
    for (const token of ['abcd', 'a.b.c', 'e30.e30.', `${'x'.repeat(19_000)}`, '....']) {
      const r = await unsignedQuery({
        Action: 'AssumeRoleWithWebIdentity',
        RoleArn: 'arn:aws:iam::123456789012:role/x',
        RoleSessionName: 'sess',
        WebIdentityToken: token,
      });
      expect(r.status, token.slice(0, 20)).toBeGreaterThanOrEqual(400);
      expect(r.status, token.slice(0, 20)).toBeLessThan(500);
    }
    const missing = await unsignedQuery({ Action: 'AssumeRoleWithWebIdentity', RoleArn: 'arn:aws:iam::123456789012:role/x' });
    expect(missing.code).toBe('ValidationError');
  });
});

describe('SAML assertions', () => {
  async function corp() {
    const { iam: root, account } = await rootClient();
    const acct = account.accountId;
    const idp = await createTestIdp({ entityId: 'https://idp.corp.example.com/saml' });
    const { SAMLProviderArn } = await root.send(new CreateSAMLProviderCommand({ Name: 'Corp', SAMLMetadataDocument: idp.metadata() }));
    const providerArn = SAMLProviderArn!;
    const roleArn = `arn:aws:iam::${acct}:role/Staff`;
    await root.send(
      new CreateRoleCommand({
        RoleName: 'Staff',
        AssumeRolePolicyDocument: policy([{ Effect: 'Allow', Principal: { Federated: providerArn }, Action: 'sts:AssumeRoleWithSAML' }]),
      }),
    );
    const grant = { roles: [{ roleArn, providerArn }], roleSessionName: 'alice' };
    const assumeSaml = (assertion: string, role = roleArn) =>
      anonymousSts().send(new AssumeRoleWithSAMLCommand({ RoleArn: role, PrincipalArn: providerArn, SAMLAssertion: assertion }));
    return { root, acct, idp, providerArn, roleArn, grant, assumeSaml };
  }

  it('threat: SAML assertion replay — a captured assertion redeemed again, and twice at once', async () => {
    // An assertion seen once (a proxy log, a browser history) must not buy a second session while it is valid.
    const s = await corp();
    const assertion = await s.idp.response(s.grant);
    await expect(s.assumeSaml(assertion)).resolves.toMatchObject({ Subject: expect.any(String) });
    await expect(s.assumeSaml(assertion)).rejects.toMatchObject({ ...invalidToken, message: expect.stringContaining('already been used') });
    const fresh = await s.idp.response(s.grant);
    const both = await Promise.allSettled([s.assumeSaml(fresh), s.assumeSaml(fresh)]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await credentialsOfAccount(s.acct)).toHaveLength(2);
  });

  it("threat: an assertion signed by a key that is not in the provider's metadata", async () => {
    // An attacker signs with their own key (and puts their own certificate in KeyInfo for good measure).
    const s = await corp();
    const attacker = await createTestIdp({ entityId: 'https://idp.corp.example.com/saml' });
    await expect(s.assumeSaml(await s.idp.response({ ...s.grant, signWith: attacker }))).rejects.toMatchObject(invalidToken);
  });

  it('threat: an unsigned assertion', async () => {
    // Without a signature anyone can write any Role attribute.
    const s = await corp();
    await expect(s.assumeSaml(await s.idp.response({ ...s.grant, sign: 'none' }))).rejects.toMatchObject(invalidToken);
  });

  it('threat: an expired assertion', async () => {
    // An assertion found after its NotOnOrAfter must buy nothing.
    const s = await corp();
    const then = new Date(Date.now() - 3_600_000);
    const old = await s.idp.response({ ...s.grant, now: then, notOnOrAfter: new Date(then.getTime() + 300_000) });
    await expect(s.assumeSaml(old)).rejects.toMatchObject({
      name: expect.stringMatching(/^(ExpiredTokenException|InvalidIdentityTokenException)$/),
    });
  });

  it('threat: an assertion meant for another service provider (audience and recipient)', async () => {
    // The IdP signs assertions for many service providers; one for another must not be spent here.
    const s = await corp();
    const elsewhere = await s.idp.response({ ...s.grant, audience: 'https://sp.example.com', recipient: 'https://sp.example.com/acs' });
    await expect(s.assumeSaml(elsewhere)).rejects.toMatchObject(invalidToken);
  });

  it("threat: an IdP removed from the provider's metadata keeps signing in", async () => {
    // After UpdateSAMLProvider rotates the IdP's certificate, assertions signed with the old key are worthless.
    const s = await corp();
    const replacement = await createTestIdp({ entityId: 'https://idp.corp.example.com/saml' });
    await s.root.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: s.providerArn, SAMLMetadataDocument: replacement.metadata() }));
    await expect(s.assumeSaml(await s.idp.response(s.grant))).rejects.toMatchObject(invalidToken);
    await expect(s.assumeSaml(await replacement.response(s.grant))).resolves.toBeDefined();
  });

  it("threat: a genuine assertion of one IdP spent with another provider's ARN", async () => {
    // Both providers are this account's; the assertion's Issuer must be the one PrincipalArn names.
    const s = await corp();
    const other = await createTestIdp({ entityId: 'https://other-idp.example.com/saml' });
    await s.root.send(new CreateSAMLProviderCommand({ Name: 'Other', SAMLMetadataDocument: other.metadata() }));
    const assertion = await other.response({ roles: [{ roleArn: s.roleArn, providerArn: s.providerArn }], roleSessionName: 'mallory' });
    await expect(s.assumeSaml(assertion)).rejects.toMatchObject(invalidToken);
  });

  it('threat: a Role attribute naming a role of another account next to this provider', async () => {
    // The IdP administrator of this account must not reach roles of other accounts through its assertions.
    const s = await corp();
    const { iam: otherRoot, account: other } = await rootClient();
    await otherRoot.send(
      new CreateRoleCommand({
        RoleName: 'Staff',
        AssumeRolePolicyDocument: policy([{ Effect: 'Allow', Principal: { Federated: s.providerArn }, Action: 'sts:AssumeRoleWithSAML' }]),
      }),
    );
    const foreignRole = `arn:aws:iam::${other.accountId}:role/Staff`;
    const assertion = await s.idp.response({ roles: [{ roleArn: foreignRole, providerArn: s.providerArn }], roleSessionName: 'alice' });
    await expect(s.assumeSaml(assertion, foreignRole)).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});

// AssumeRoleWithWebIdentity through the AWS SDK, unsigned as the SDK sends it: a role trusting an IAM
// OpenID Connect provider (a test issuer with GitHub-Actions-shaped tokens, signed in the test), the
// answer in AWS's shape, credentials that act as `assumed-role/<role>/<session>` against the IAM API
// and /authorize with aws:FederatedProvider and the provider's keys in every decision, session tags,
// source identity, durations, session policies, the issuer's keys fetched, cached and rotated, a
// provider AWS trusts by name, and this service's own issuer (an ID token from the hosted login).
import {
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  CreateUserCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { exports } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newClient, OAUTH_TTL } from '../../packages/core/src/repo/oauth-clients';
import { db } from '../helpers';
import { authorizeCall, forwardedRequest } from '../policy/client';
import { iam, rootClient, sts, workerHandler } from '../iam/clients';
import { Browser, ORIGIN, signinAsUser, user } from '../signin/fixtures';
import { anonymousSts, asCredentials, policy } from './clients';
import { routeFetchTo, testIssuer, type TestIssuer } from './test-issuer';

const GITHUB = 'https://token.actions.githubusercontent.com';
const github = await testIssuer({ url: GITHUB });

afterEach(() => vi.restoreAllMocks());

/** A GitHub Actions ID token's claims for a workflow run of `repo` on `ref`. */
const workflowClaims = (repo: string, ref = 'refs/heads/main', extra: Record<string, unknown> = {}) => ({
  aud: 'sts.amazonaws.com',
  sub: `repo:${repo}:ref:${ref}`,
  repository: repo,
  repository_owner: repo.split('/')[0],
  repository_id: '123456',
  repository_owner_id: '42',
  ref,
  actor: 'octocat',
  actor_id: '583231',
  workflow: 'deploy',
  job_workflow_ref: `${repo}/.github/workflows/deploy.yml@${ref}`,
  ...extra,
});

/** A fresh account trusting `issuer` through an IAM OpenID Connect provider with these client ids. */
async function accountTrusting(issuer: TestIssuer, clientIds = ['sts.amazonaws.com']) {
  routeFetchTo(issuer);
  const { iam: root, account, creds } = await rootClient();
  const { OpenIDConnectProviderArn } = await root.send(
    new CreateOpenIDConnectProviderCommand({ Url: issuer.url, ClientIDList: clientIds }),
  );
  return { root, acct: account.accountId, creds, providerArn: OpenIDConnectProviderArn! };
}

/** A role whose trust policy lets the provider's users assume it under `condition` (and with `actions`). */
async function roleFor(
  root: Awaited<ReturnType<typeof accountTrusting>>['root'],
  name: string,
  providerArn: string,
  condition: object,
  actions: string[] = ['sts:AssumeRoleWithWebIdentity'],
  permissions?: object[],
) {
  await root.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: policy([{ Effect: 'Allow', Principal: { Federated: providerArn }, Action: actions, Condition: condition }]),
    }),
  );
  if (permissions)
    await root.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'permissions', PolicyDocument: policy(permissions) }));
}

const repoCondition = (repo: string) => ({
  StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
  StringLike: { 'token.actions.githubusercontent.com:sub': `repo:${repo}:*` },
});

const assume = (
  roleArn: string,
  token: string,
  extra: Partial<{ RoleSessionName: string; DurationSeconds: number; Policy: string }> = {},
) =>
  anonymousSts().send(
    new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: 'gha-run', WebIdentityToken: token, ...extra }),
  );

describe('AssumeRoleWithWebIdentity with a GitHub Actions token', () => {
  it("a workflow of the trusted repository gets the role's credentials, in AWS's answer, acting as the assumed role", async () => {
    const { root, acct, providerArn } = await accountTrusting(github);
    await roleFor(root, 'deploy', providerArn, repoCondition('acme/app'), undefined, [
      { Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' },
    ]);
    const token = await github.sign(workflowClaims('acme/app'));
    const out = await assume(`arn:aws:iam::${acct}:role/deploy`, token, { RoleSessionName: 'gha-1' });
    expect(out).toMatchObject({
      SubjectFromWebIdentityToken: 'repo:acme/app:ref:refs/heads/main',
      AssumedRoleUser: {
        Arn: `arn:aws:sts::${acct}:assumed-role/deploy/gha-1`,
        AssumedRoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}:gha-1$/),
      },
      Provider: providerArn,
      Audience: 'sts.amazonaws.com',
      Credentials: { AccessKeyId: expect.stringMatching(/^ASIA/), SecretAccessKey: expect.any(String), SessionToken: expect.any(String) },
    });
    expect(out.PackedPolicySize).toBeUndefined();
    expect(Math.abs(out.Credentials!.Expiration!.getTime() - Date.now() - 3_600_000)).toBeLessThan(60_000);

    const session = asCredentials(out.Credentials);
    expect((await sts(session).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${acct}:assumed-role/deploy/gha-1`);
    expect((await iam(session).send(new ListRolesCommand({}))).Roles!.map((r) => r.RoleName)).toEqual(['deploy']);
    await expect(iam(session).send(new CreateUserCommand({ UserName: 'x' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining(`User: arn:aws:sts::${acct}:assumed-role/deploy/gha-1 is not authorized to perform: iam:CreateUser`),
    });
  });

  it("the trust policy sees GitHub's documented claims (repository, ref, actor ...): another branch is refused", async () => {
    const { root, acct, providerArn } = await accountTrusting(github);
    await roleFor(root, 'release', providerArn, {
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:repository': 'acme/app',
        'token.actions.githubusercontent.com:ref': 'refs/heads/main',
        'token.actions.githubusercontent.com:actor': 'octocat',
        'token.actions.githubusercontent.com:repository_owner_id': '42',
      },
    });
    const arn = `arn:aws:iam::${acct}:role/release`;
    await expect(assume(arn, await github.sign(workflowClaims('acme/app')))).resolves.toMatchObject({ Provider: providerArn });
    await expect(assume(arn, await github.sign(workflowClaims('acme/app', 'refs/heads/feature')))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
    });
  });

  it('the session carries aws:FederatedProvider and the provider’s aud and sub into IAM decisions, and no other claim', async () => {
    const { root, acct, providerArn } = await accountTrusting(github);
    await roleFor(root, 'scoped', providerArn, repoCondition('acme/app'), undefined, [
      {
        Effect: 'Allow',
        Action: 'iam:ListRoles',
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:FederatedProvider': providerArn, 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' },
        },
      },
      // AWS keeps only amr, aud and sub beyond the trust policy: `repository` is absent here.
      {
        Effect: 'Allow',
        Action: 'iam:ListUsers',
        Resource: '*',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:repository': 'acme/app' } },
      },
    ]);
    const out = await assume(`arn:aws:iam::${acct}:role/scoped`, await github.sign(workflowClaims('acme/app')));
    const session = iam(asCredentials(out.Credentials));
    await expect(session.send(new ListRolesCommand({}))).resolves.toBeDefined();
    await expect(session.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('/authorize decides for the session with the same keys (the shared core), as the assumed-role principal', async () => {
    const { root, acct, providerArn, creds: app } = await accountTrusting(github);
    await roleFor(root, 'reader', providerArn, repoCondition('acme/app'), undefined, [
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::builds/*',
        Condition: {
          StringEquals: { 'aws:FederatedProvider': providerArn },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' },
        },
      },
    ]);
    const out = await assume(`arn:aws:iam::${acct}:role/reader`, await github.sign(workflowClaims('acme/app')), {
      RoleSessionName: 'build-7',
    });
    const signedRequest = await forwardedRequest(asCredentials(out.Credentials), 'GET', 'https://builds.example.com/artifact');
    const allowed = await authorizeCall(
      { signedRequest, action: 's3:GetObject', resource: 'arn:aws:s3:::builds/app.zip' },
      { signWith: app },
    );
    expect(allowed.json).toMatchObject({ decision: 'Allow', principal: { arn: `arn:aws:sts::${acct}:assumed-role/reader/build-7` } });
    const other = await authorizeCall(
      { signedRequest, action: 's3:PutObject', resource: 'arn:aws:s3:::builds/app.zip' },
      { signWith: app },
    );
    expect(other.json.decision).toBe('Deny');
  });

  it('session tags from the https://aws.amazon.com/tags claim become principal tags, when the trust policy allows sts:TagSession', async () => {
    const { root, acct, providerArn } = await accountTrusting(github);
    const permissions = [
      { Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'ci' } } },
    ];
    await roleFor(root, 'tagged', providerArn, repoCondition('acme/app'), ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'], permissions);
    await roleFor(root, 'untagged', providerArn, repoCondition('acme/app'), undefined, permissions);
    const tags = { 'https://aws.amazon.com/tags': { principal_tags: { team: ['ci'], cost: ['42'] }, transitive_tag_keys: ['team'] } };
    const token = await github.sign(workflowClaims('acme/app', 'refs/heads/main', tags));
    const out = await assume(`arn:aws:iam::${acct}:role/tagged`, token);
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    await expect(iam(asCredentials(out.Credentials)).send(new ListRolesCommand({}))).resolves.toBeDefined();
    await expect(assume(`arn:aws:iam::${acct}:role/untagged`, token)).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Not authorized to perform sts:TagSession',
    });
    // A tag with two values is not a session tag AWS takes.
    const bad = await github.sign(
      workflowClaims('acme/app', 'refs/heads/main', { 'https://aws.amazon.com/tags': { principal_tags: { team: ['a', 'b'] } } }),
    );
    await expect(assume(`arn:aws:iam::${acct}:role/tagged`, bad)).rejects.toMatchObject({ name: 'InvalidIdentityTokenException' });
  });

  it('a source identity claim is answered as SourceIdentity and seen as aws:SourceIdentity, when the trust allows sts:SetSourceIdentity', async () => {
    const { root, acct, providerArn } = await accountTrusting(github);
    await roleFor(
      root,
      'audited',
      providerArn,
      repoCondition('acme/app'),
      ['sts:AssumeRoleWithWebIdentity', 'sts:SetSourceIdentity'],
      [{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*', Condition: { StringEquals: { 'aws:SourceIdentity': 'octocat' } } }],
    );
    await roleFor(root, 'plain', providerArn, repoCondition('acme/app'));
    const token = await github.sign(workflowClaims('acme/app', 'refs/heads/main', { 'https://aws.amazon.com/source_identity': 'octocat' }));
    const out = await assume(`arn:aws:iam::${acct}:role/audited`, token);
    expect(out.SourceIdentity).toBe('octocat');
    await expect(iam(asCredentials(out.Credentials)).send(new ListRolesCommand({}))).resolves.toBeDefined();
    await expect(assume(`arn:aws:iam::${acct}:role/plain`, token)).rejects.toMatchObject({
      message: 'Not authorized to perform sts:SetSourceIdentity',
    });
  });

  it("DurationSeconds up to the role's MaxSessionDuration; past it, ValidationError", async () => {
    const { root, acct, providerArn } = await accountTrusting(github);
    await roleFor(root, 'short', providerArn, repoCondition('acme/app'));
    const token = await github.sign(workflowClaims('acme/app'));
    const out = await assume(`arn:aws:iam::${acct}:role/short`, token, { DurationSeconds: 900 });
    expect(Math.abs(out.Credentials!.Expiration!.getTime() - Date.now() - 900_000)).toBeLessThan(60_000);
    await expect(assume(`arn:aws:iam::${acct}:role/short`, token, { DurationSeconds: 7200 })).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
  });

  it('a session policy narrows the session, as for AssumeRole', async () => {
    const { root, acct, providerArn } = await accountTrusting(github);
    await roleFor(root, 'wide', providerArn, repoCondition('acme/app'), undefined, [
      { Effect: 'Allow', Action: 'iam:List*', Resource: '*' },
    ]);
    const out = await assume(`arn:aws:iam::${acct}:role/wide`, await github.sign(workflowClaims('acme/app')), {
      Policy: policy([{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }]),
    });
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    const session = iam(asCredentials(out.Credentials));
    await expect(session.send(new ListRolesCommand({}))).resolves.toBeDefined();
    await expect(session.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});

describe("the provider's keys and audiences", () => {
  it('fetches the discovery document and JWKS once, then answers from the cache', async () => {
    const issuer = await testIssuer();
    const { root, acct, providerArn } = await accountTrusting(issuer, ['app']);
    await roleFor(root, 'app', providerArn, { StringEquals: { [`${issuer.id}:aud`]: 'app' } });
    for (const sub of ['user-1', 'user-2']) await assume(`arn:aws:iam::${acct}:role/app`, await issuer.sign({ aud: 'app', sub }));
    expect(issuer.requests).toEqual([`${issuer.url}/.well-known/openid-configuration`, `${issuer.url}/.well-known/jwks.json`]);
  });

  it('a token signed by a key rotated in since is accepted after one refetch of the keys', async () => {
    const issuer = await testIssuer();
    const { root, acct, providerArn } = await accountTrusting(issuer, ['app']);
    await roleFor(root, 'app', providerArn, { StringEquals: { [`${issuer.id}:aud`]: 'app' } });
    await assume(`arn:aws:iam::${acct}:role/app`, await issuer.sign({ aud: 'app', sub: 'before' }));
    await issuer.rotate({ retireOld: true });
    const out = await assume(`arn:aws:iam::${acct}:role/app`, await issuer.sign({ aud: 'app', sub: 'after' }));
    expect(out.SubjectFromWebIdentityToken).toBe('after');
    expect(issuer.requests.filter((u) => u.endsWith('/jwks.json'))).toHaveLength(2);
  });

  it('ES256 tokens verify as well as RS256 ones', async () => {
    const issuer = await testIssuer({ alg: 'ES256' });
    const { root, acct, providerArn } = await accountTrusting(issuer, ['app']);
    await roleFor(root, 'app', providerArn, { StringEquals: { [`${issuer.id}:sub`]: 'es-user' } });
    await expect(assume(`arn:aws:iam::${acct}:role/app`, await issuer.sign({ aud: 'app', sub: 'es-user' }))).resolves.toMatchObject({
      SubjectFromWebIdentityToken: 'es-user',
    });
  });

  it('the audience may be azp, or any aud, that is one of the client ids', async () => {
    const issuer = await testIssuer();
    const { root, acct, providerArn } = await accountTrusting(issuer, ['web-app']);
    await roleFor(root, 'app', providerArn, { StringEquals: { [`${issuer.id}:aud`]: 'web-app' } });
    const arn = `arn:aws:iam::${acct}:role/app`;
    await expect(assume(arn, await issuer.sign({ aud: ['other', 'web-app'], sub: 'u' }))).resolves.toMatchObject({ Audience: 'web-app' });
    await expect(assume(arn, await issuer.sign({ aud: 'backend', azp: 'web-app', sub: 'u' }))).resolves.toMatchObject({
      Audience: 'web-app',
    });
    await expect(assume(arn, await issuer.sign({ aud: 'someone-else', sub: 'u' }))).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: 'Incorrect token audience',
    });
  });

  it('IDPCommunicationError when the provider cannot be reached; InvalidIdentityToken when it publishes no usable keys', async () => {
    const down = await testIssuer();
    const broken = await testIssuer();
    routeFetchTo(down, broken);
    const { iam: root, account } = await rootClient();
    for (const i of [down, broken]) {
      const { OpenIDConnectProviderArn } = await root.send(new CreateOpenIDConnectProviderCommand({ Url: i.url, ClientIDList: ['app'] }));
      await roleFor(root, i === down ? 'down' : 'broken', OpenIDConnectProviderArn!, { StringEquals: { [`${i.id}:aud`]: 'app' } });
    }
    down.outage = 'down';
    broken.outage = 404;
    await expect(assume(`arn:aws:iam::${account.accountId}:role/down`, await down.sign({ aud: 'app', sub: 'u' }))).rejects.toMatchObject({
      name: 'IDPCommunicationErrorException',
    });
    await expect(
      assume(`arn:aws:iam::${account.accountId}:role/broken`, await broken.sign({ aud: 'app', sub: 'u' })),
    ).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: expect.stringContaining("Couldn't retrieve verification key from your identity provider"),
    });
  });

  it('a provider AWS trusts by name (cognito-identity.amazonaws.com) needs no IAM provider; the trust policy checks its aud and amr', async () => {
    const cognito = await testIssuer({ url: 'https://cognito-identity.amazonaws.com' });
    routeFetchTo(cognito);
    const { iam: root, account } = await rootClient();
    const pool = 'us-east-1:12345678-abcd-abcd-abcd-123456789012';
    await roleFor(
      root,
      'mobile',
      'cognito-identity.amazonaws.com',
      {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': pool },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      },
      undefined,
      [
        {
          Effect: 'Allow',
          Action: 'iam:ListRoles',
          Resource: '*',
          Condition: { StringEquals: { 'aws:FederatedProvider': 'cognito-identity.amazonaws.com' } },
        },
      ],
    );
    const arn = `arn:aws:iam::${account.accountId}:role/mobile`;
    const out = await assume(
      arn,
      await cognito.sign({ aud: pool, sub: 'us-east-1:identity-1', amr: ['authenticated', 'accounts.google.com'] }),
    );
    expect(out).toMatchObject({ Provider: 'cognito-identity.amazonaws.com', Audience: pool });
    await expect(iam(asCredentials(out.Credentials)).send(new ListRolesCommand({}))).resolves.toBeDefined();
    await expect(
      assume(arn, await cognito.sign({ aud: pool, sub: 'us-east-1:identity-2', amr: ['unauthenticated'] })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });
});

describe("this service's own OpenID Connect issuer", () => {
  const APP = 'https://app.example.com/callback';
  const b64url = (bytes: Uint8Array) =>
    btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');

  /** The hosted login's authorization code flow, driven like a browser, and the code exchanged for tokens. */
  async function idTokenFromHostedLogin(accountId: string, clientId: string, name: string, password: string): Promise<string> {
    const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
    const challenge = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: APP,
      scope: 'openid',
      state: 'st-1',
      nonce: 'n-1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const browser = new Browser();
    const toSignin = (await browser.get(`/oauth2/authorize?${q}`)).headers.get('location')!;
    const back = new URL(toSignin, ORIGIN).searchParams.get('redirect_uri')!;
    const signedIn = await signinAsUser(browser, accountId, name, password, { redirect_uri: back });
    const next = /<meta http-equiv="refresh" content="0;url=([^"]+)"/.exec(await signedIn.text())![1]!.replace(/&amp;/g, '&');
    const atApp = new URL((await browser.get(next)).headers.get('location')!);
    expect(atApp.origin + atApp.pathname).toBe(APP);
    const res = await exports.default.fetch(`${ORIGIN}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: atApp.searchParams.get('code')!,
        redirect_uri: APP,
        code_verifier: verifier,
        client_id: clientId,
      }).toString(),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { id_token: string }).id_token;
  }

  it("a role trusting this service's issuer is assumed with an ID token from the hosted login; the keys are read from D1, never fetched", async () => {
    const fetched = vi.spyOn(globalThis, 'fetch');
    const { iam: root, account } = await rootClient();
    const acct = account.accountId;
    const tom = await user(acct, 'tom');
    const client = await newClient(db(), {
      accountId: acct,
      clientType: 'public',
      name: 'Deploy console',
      redirectUris: [APP],
      postLogoutRedirectUris: [],
      scopes: ['openid'],
      accessTokenTtlSeconds: OAUTH_TTL.accessToken.default,
      idTokenTtlSeconds: OAUTH_TTL.idToken.default,
      refreshTokenTtlSeconds: OAUTH_TTL.refreshToken.default,
      now: new Date(),
    });
    await client.insert;
    // The issuer is the origin in local development (no JWT_ISSUER): http://localhost here.
    const { OpenIDConnectProviderArn } = await root.send(
      new CreateOpenIDConnectProviderCommand({ Url: ORIGIN, ClientIDList: [client.clientId] }),
    );
    expect(OpenIDConnectProviderArn).toBe(`arn:aws:iam::${acct}:oidc-provider/localhost`);
    await roleFor(
      root,
      'console-user',
      OpenIDConnectProviderArn!,
      { StringEquals: { 'localhost:aud': client.clientId, 'localhost:sub': tom.id } },
      undefined,
      [{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*', Condition: { StringEquals: { 'localhost:sub': tom.id } } }],
    );
    const idToken = await idTokenFromHostedLogin(acct, client.clientId, 'tom', tom.password);
    // STS at the issuer's own origin, as an app beside the service would call it.
    const local = new STSClient({ region: 'us-east-1', endpoint: ORIGIN, requestHandler: workerHandler(), maxAttempts: 1 });
    const out = await local.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: `arn:aws:iam::${acct}:role/console-user`,
        RoleSessionName: 'tom',
        WebIdentityToken: idToken,
      }),
    );
    expect(out).toMatchObject({ SubjectFromWebIdentityToken: tom.id, Provider: OpenIDConnectProviderArn, Audience: client.clientId });
    const session = asCredentials(out.Credentials);
    expect((await sts(session).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${acct}:assumed-role/console-user/tom`);
    await expect(iam(session).send(new ListRolesCommand({}))).resolves.toBeDefined();
    expect(fetched).not.toHaveBeenCalled();
  });
});

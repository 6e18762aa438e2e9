// AssumeRoleWithSAML through the AWS SDK, unsigned as the SDK sends it: a test IdP (key and
// certificate made in the test, test/federation/saml-fixtures.ts) registered as the account's SAML
// provider, a signed response whose Role attribute names the role and provider, the answer in AWS's
// shape (Subject, SubjectType, Issuer, Audience, NameQualifier), the `saml:*` keys in the trust policy,
// the three AWS keeps in the session (saml:namequalifier, saml:sub, saml:sub_type) plus
// aws:FederatedProvider in later decisions (IAM API and /authorize), RoleSessionName,
// SessionDuration, PrincipalTag:* session tags and the endpoints accepted as audience and recipient.
import {
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleWithSAMLCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../packages/core/src/util/encoding';
import { authorizeCall, forwardedRequest } from '../policy/client';
import { iam, rootClient, sts } from '../iam/clients';
import { anonymousSts, asCredentials, policy } from './clients';
import { createTestIdp, type SamlResponseOptions, type TestIdp } from './saml-fixtures';

const AWS_ENDPOINT = 'https://signin.aws.amazon.com/saml';
const EPPN = 'urn:oid:1.3.6.1.4.1.5923.1.1.1.6';
const AFFILIATION = 'urn:oid:1.3.6.1.4.1.5923.1.1.1.1';

interface Setup {
  root: IAMClient;
  acct: string;
  creds: { accessKeyId: string; secretAccessKey: string };
  idp: TestIdp;
  providerArn: string;
  roleArn: (name: string) => string;
  role: (name: string, condition: object, permissions?: object[], actions?: string[]) => Promise<string>;
  response: (roleName: string, opts?: SamlResponseOptions) => Promise<string>;
}

/** A fresh account with the test IdP as its SAML provider `Corp`. */
async function corporateIdp(): Promise<Setup> {
  const { iam: root, account, creds } = await rootClient();
  const acct = account.accountId;
  const idp = await createTestIdp({ entityId: 'https://idp.corp.example.com/saml' });
  const { SAMLProviderArn } = await root.send(new CreateSAMLProviderCommand({ Name: 'Corp', SAMLMetadataDocument: idp.metadata() }));
  const providerArn = SAMLProviderArn!;
  const roleArn = (name: string) => `arn:aws:iam::${acct}:role/${name}`;
  return {
    root,
    acct,
    creds,
    idp,
    providerArn,
    roleArn,
    async role(name, condition, permissions, actions = ['sts:AssumeRoleWithSAML']) {
      await root.send(
        new CreateRoleCommand({
          RoleName: name,
          AssumeRolePolicyDocument: policy([
            { Effect: 'Allow', Principal: { Federated: providerArn }, Action: actions, Condition: condition },
          ]),
        }),
      );
      if (permissions) await root.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'p', PolicyDocument: policy(permissions) }));
      return roleArn(name);
    },
    response: (roleName, opts = {}) =>
      idp.response({ roles: [{ roleArn: roleArn(roleName), providerArn }], roleSessionName: 'alice@corp.example.com', ...opts }),
  };
}

const assume = (s: Setup, roleName: string, assertion: string, extra: { DurationSeconds?: number } = {}) =>
  anonymousSts().send(
    new AssumeRoleWithSAMLCommand({ RoleArn: s.roleArn(roleName), PrincipalArn: s.providerArn, SAMLAssertion: assertion, ...extra }),
  );

const awsAudience = { StringEquals: { 'saml:aud': AWS_ENDPOINT } };

async function nameQualifier(issuer: string, acct: string, name: string) {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(`${issuer}${acct}/${name}`));
  return bytesToBase64(new Uint8Array(digest));
}

describe('AssumeRoleWithSAML', () => {
  it("a signed assertion naming the role and provider gets the role's credentials, in AWS's answer, as assumed-role/<role>/<RoleSessionName>", async () => {
    const s = await corporateIdp();
    await s.role('Staff', awsAudience, [{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }]);
    const out = await assume(
      s,
      'Staff',
      await s.response('Staff', { nameId: 'alice-7f3', nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent' }),
    );
    expect(out).toMatchObject({
      AssumedRoleUser: {
        Arn: `arn:aws:sts::${s.acct}:assumed-role/Staff/alice@corp.example.com`,
        AssumedRoleId: expect.stringMatching(/^AROA/),
      },
      Subject: 'alice-7f3',
      SubjectType: 'persistent',
      Issuer: 'https://idp.corp.example.com/saml',
      Audience: AWS_ENDPOINT,
      NameQualifier: await nameQualifier('https://idp.corp.example.com/saml', s.acct, 'Corp'),
    });
    expect(Math.abs(out.Credentials!.Expiration!.getTime() - Date.now() - 3_600_000)).toBeLessThan(60_000);
    const session = asCredentials(out.Credentials);
    expect((await sts(session).send(new GetCallerIdentityCommand({}))).Arn).toBe(
      `arn:aws:sts::${s.acct}:assumed-role/Staff/alice@corp.example.com`,
    );
    await expect(iam(session).send(new ListRolesCommand({}))).resolves.toBeDefined();
    await expect(iam(session).send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('the trust policy sees the saml:* keys: subject, its type, issuer, saml:doc and mapped attributes', async () => {
    const s = await corporateIdp();
    await s.role('Faculty', {
      StringEquals: {
        'saml:aud': AWS_ENDPOINT,
        'saml:iss': 'https://idp.corp.example.com/saml',
        'saml:sub_type': 'transient',
        'saml:doc': `${s.acct}/Corp`,
        'saml:edupersonprincipalname': 'alice@corp.example.com',
      },
      'ForAnyValue:StringEquals': { 'saml:edupersonaffiliation': 'faculty' },
    });
    const attrs = (affiliation: string[]) => ({
      nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
      attributes: { [EPPN]: ['alice@corp.example.com'], [AFFILIATION]: affiliation },
    });
    await expect(assume(s, 'Faculty', await s.response('Faculty', attrs(['member', 'faculty'])))).resolves.toMatchObject({
      SubjectType: 'transient',
    });
    await expect(assume(s, 'Faculty', await s.response('Faculty', attrs(['student'])))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithSAML',
    });
  });

  it('the session keeps saml:namequalifier, saml:sub, saml:sub_type and aws:FederatedProvider for IAM decisions, and no other SAML key', async () => {
    const s = await corporateIdp();
    const qualifier = await nameQualifier('https://idp.corp.example.com/saml', s.acct, 'Corp');
    await s.role('Home', awsAudience, [
      {
        Effect: 'Allow',
        Action: 'iam:ListRoles',
        Resource: '*',
        Condition: {
          StringEquals: {
            'aws:FederatedProvider': s.providerArn,
            'saml:namequalifier': qualifier,
            'saml:sub': 'alice-7f3',
            'saml:sub_type': 'persistent',
          },
        },
      },
      {
        Effect: 'Allow',
        Action: 'iam:ListUsers',
        Resource: '*',
        Condition: { StringEquals: { 'saml:iss': 'https://idp.corp.example.com/saml' } },
      },
    ]);
    const out = await assume(
      s,
      'Home',
      await s.response('Home', { nameId: 'alice-7f3', nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent' }),
    );
    const session = iam(asCredentials(out.Credentials));
    await expect(session.send(new ListRolesCommand({}))).resolves.toBeDefined();
    await expect(session.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('/authorize decides for the SAML session with its keys, as the assumed-role principal', async () => {
    const s = await corporateIdp();
    await s.role('Reports', awsAudience, [
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::reports/${saml:sub}/*',
        Condition: { StringEquals: { 'aws:FederatedProvider': s.providerArn } },
      },
    ]);
    const out = await assume(s, 'Reports', await s.response('Reports', { nameId: 'alice-7f3' }));
    const signedRequest = await forwardedRequest(asCredentials(out.Credentials), 'GET', 'https://reports.example.com/');
    const mine = await authorizeCall(
      { signedRequest, action: 's3:GetObject', resource: 'arn:aws:s3:::reports/alice-7f3/q1.pdf' },
      { signWith: s.creds },
    );
    expect(mine.json).toMatchObject({
      decision: 'Allow',
      principal: { arn: `arn:aws:sts::${s.acct}:assumed-role/Reports/alice@corp.example.com` },
    });
    const theirs = await authorizeCall(
      { signedRequest, action: 's3:GetObject', resource: 'arn:aws:s3:::reports/bob/q1.pdf' },
      { signWith: s.creds },
    );
    expect(theirs.json.decision).toBe('Deny');
  });

  it('SessionDuration shortens the session; DurationSeconds may not pass MaxSessionDuration', async () => {
    const s = await corporateIdp();
    await s.role('Brief', awsAudience);
    const short = await assume(s, 'Brief', await s.response('Brief', { sessionDuration: 900 }), { DurationSeconds: 3600 });
    expect(Math.abs(short.Credentials!.Expiration!.getTime() - Date.now() - 900_000)).toBeLessThan(60_000);
    await expect(assume(s, 'Brief', await s.response('Brief'), { DurationSeconds: 7200 })).rejects.toMatchObject({
      name: 'ValidationError',
    });
    await expect(assume(s, 'Brief', await s.response('Brief', { sessionDuration: 'soon' }))).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
    });
  });

  it('PrincipalTag:* attributes are session tags (principal tags after), when the trust policy allows sts:TagSession', async () => {
    const s = await corporateIdp();
    const permissions = [
      { Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/Project': 'blue' } } },
    ];
    await s.role('Tagged', awsAudience, permissions, ['sts:AssumeRoleWithSAML', 'sts:TagSession']);
    await s.role('Untagged', awsAudience, permissions);
    const out = await assume(
      s,
      'Tagged',
      await s.response('Tagged', { principalTags: { Project: 'blue' }, transitiveTagKeys: ['Project'] }),
    );
    await expect(iam(asCredentials(out.Credentials)).send(new ListRolesCommand({}))).resolves.toBeDefined();
    await expect(assume(s, 'Untagged', await s.response('Untagged', { principalTags: { Project: 'blue' } }))).rejects.toMatchObject({
      message: 'Not authorized to perform sts:TagSession',
    });
  });

  it('the Role attribute must hold the pair asked for; RoleSessionName must be there', async () => {
    const s = await corporateIdp();
    await s.role('Admin', awsAudience);
    await s.role('Staff', awsAudience);
    // The assertion grants Staff only: asking for Admin with it is refused.
    await expect(assume(s, 'Admin', await s.response('Staff'))).rejects.toMatchObject({ name: 'AccessDenied' });
    // Either order of role and provider in the pair is accepted, as AWS accepts it.
    const reversed = await s.idp.response({ roles: [`${s.providerArn},${s.roleArn('Staff')}`], roleSessionName: 'bob' });
    await expect(assume(s, 'Staff', reversed)).resolves.toMatchObject({ AssumedRoleUser: { Arn: expect.stringContaining('/Staff/bob') } });
    const nameless = await s.idp.response({ roles: [{ roleArn: s.roleArn('Staff'), providerArn: s.providerArn }] });
    await expect(assume(s, 'Staff', nameless)).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: expect.stringContaining('RoleSessionName'),
    });
  });

  it("the service's own <origin>/saml endpoint is accepted as audience and recipient, besides AWS's", async () => {
    const s = await corporateIdp();
    await s.role('Local', { StringEquals: { 'saml:aud': 'http://localhost:8787/saml' } });
    const out = await assume(
      s,
      'Local',
      await s.response('Local', { audience: 'http://localhost:8787/saml', recipient: 'http://localhost:8787/saml' }),
    );
    expect(out.Audience).toBe('http://localhost:8787/saml');
    await expect(
      assume(
        s,
        'Local',
        await s.response('Local', { audience: 'https://elsewhere.example.com/saml', recipient: 'https://elsewhere.example.com/saml' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidIdentityTokenException' });
  });

  it('a PrincipalArn that names no SAML provider is InvalidIdentityToken', async () => {
    const s = await corporateIdp();
    await s.role('Staff', awsAudience);
    const out = anonymousSts().send(
      new AssumeRoleWithSAMLCommand({
        RoleArn: s.roleArn('Staff'),
        PrincipalArn: `arn:aws:iam::${s.acct}:saml-provider/Nobody`,
        SAMLAssertion: await s.response('Staff'),
      }),
    );
    await expect(out).rejects.toMatchObject({ name: 'InvalidIdentityTokenException' });
  });
});

// The administrator's tools: the real AWS CLI (Debian's awscli) against `npm run dev` with the root
// keys it prints, following the IAM flow a new administrator follows; then federation into roles with
// the same CLI and the same stack (one stack for the file: starting one costs more than these tests).
//
// Federation, as a developer tries it locally: an OpenID Connect issuer served by a Node http server
// on this machine (discovery and JWKS, tokens signed here with GitHub-Actions-shaped claims), registered
// with `aws iam create-open-id-connect-provider` (http is allowed for a loopback issuer because the
// service itself runs on one), then `aws sts assume-role-with-web-identity` with no credentials at all,
// and the returned credentials used with the CLI; and the same for SAML: `aws iam create-saml-provider`
// with a test IdP's metadata and `aws sts assume-role-with-saml`. The workerd tests (test/federation/*)
// cover the rest.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestIdp } from '../federation/saml-fixtures';
import { exportedCredentials, removeDir, startDevStack, type DevStack } from './dev-stack';

const AWS = '/usr/bin/aws';
const hasCli = spawnSync(AWS, ['--version']).status === 0;
const runs = hasCli || Boolean(process.env.CI);

// INVARIANT: the two groups below share this stack and the default account; their names never overlap
// (tom, mallory, BisDev, app / ci-deploy, Staff, Corp), and the first group's assertions run first.
let stack: DevStack;
if (runs) {
  beforeAll(async () => {
    stack = await startDevStack();
  });
  afterAll(async () => {
    await stack?.stop();
    if (stack) removeDir(stack.persistDir);
  });
}

describe.skipIf(!hasCli && !process.env.CI)('the AWS CLI against npm run dev', () => {
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const creds = exportedCredentials(stack.output());
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ACCESS_KEY_ID: creds.accessKeyId,
      AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
  });
  const aws = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => {
    const res = spawnSync(AWS, [...args, '--endpoint-url', stack.url, '--output', 'json'], {
      env: { ...env, ...extraEnv },
      encoding: 'utf8',
    });
    return { status: res.status, json: res.stdout ? JSON.parse(res.stdout) : undefined, stderr: res.stderr };
  };

  it('runs the new administrator flow: user tom, group BisDev with S3 read-only, tom in it, tom keys', () => {
    expect(aws(['iam', 'create-user', '--user-name', 'tom']).json.User.UserName).toBe('tom');
    expect(aws(['iam', 'create-group', '--group-name', 'BisDev']).json.Group.GroupName).toBe('BisDev');
    expect(
      aws(['iam', 'attach-group-policy', '--group-name', 'BisDev', '--policy-arn', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'])
        .status,
    ).toBe(0);
    expect(aws(['iam', 'add-user-to-group', '--group-name', 'BisDev', '--user-name', 'tom']).status).toBe(0);
    const group = aws(['iam', 'get-group', '--group-name', 'BisDev']).json;
    expect(group.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['tom']);
    const attached = aws(['iam', 'list-attached-group-policies', '--group-name', 'BisDev']).json;
    expect(attached.AttachedPolicies).toEqual([
      { PolicyName: 'AmazonS3ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' },
    ]);
    const key = aws(['iam', 'create-access-key', '--user-name', 'tom']).json.AccessKey;
    expect(key.AccessKeyId).toMatch(/^AKIA/);

    const asTom = { AWS_ACCESS_KEY_ID: key.AccessKeyId, AWS_SECRET_ACCESS_KEY: key.SecretAccessKey };
    const who = aws(['sts', 'get-caller-identity'], asTom).json;
    expect(who.Arn).toBe('arn:aws:iam::123456789012:user/tom');
    const denied = aws(['iam', 'create-user', '--user-name', 'mallory'], asTom);
    expect(denied.status).not.toBe(0);
    expect(denied.stderr).toContain('AccessDenied');
    expect(denied.stderr).toContain('is not authorized to perform: iam:CreateUser');
  });

  it('lists with the CLI paginating through Marker', () => {
    for (const n of ['u1', 'u2', 'u3']) aws(['iam', 'create-user', '--user-name', n]);
    const all = aws(['iam', 'list-users', '--page-size', '1']).json;
    expect(all.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['tom', 'u1', 'u2', 'u3']);
  });

  it('update-role succeeds (botocore needs an <UpdateRoleResult/> even though it is empty)', () => {
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }],
    });
    expect(aws(['iam', 'create-role', '--role-name', 'app', '--assume-role-policy-document', trust]).status).toBe(0);
    const updated = aws(['iam', 'update-role', '--role-name', 'app', '--description', 'changed', '--max-session-duration', '7200']);
    expect(updated.stderr).toBe('');
    expect(updated.status).toBe(0);
    expect(aws(['iam', 'get-role', '--role-name', 'app']).json.Role).toMatchObject({ Description: 'changed', MaxSessionDuration: 7200 });
  });

  it('reports errors the way the CLI expects (NoSuchEntity, exit code 254)', () => {
    const res = aws(['iam', 'get-user', '--user-name', 'nobody']);
    expect(res.status).toBe(254);
    expect(res.stderr).toContain('(NoSuchEntity) when calling the GetUser operation: The user with name nobody cannot be found.');
  });
});

const THUMBPRINT = '0123456789abcdef0123456789abcdef01234567';
const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe.skipIf(!hasCli && !process.env.CI)('federation with the AWS CLI against npm run dev', () => {
  let issuer: Server;
  let issuerUrl: string;
  let signingKey: CryptoKey;
  let publicJwk: JWK;
  let adminEnv: NodeJS.ProcessEnv;
  const scratch = mkdtempSync(join(tmpdir(), 'edge-iam-federation-'));
  const account = '123456789012';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    signingKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'local-1', alg: 'RS256', use: 'sig' };
    issuer = createServer((req, res) => {
      const body =
        req.url === '/.well-known/openid-configuration'
          ? { issuer: issuerUrl, jwks_uri: `${issuerUrl}/jwks`, id_token_signing_alg_values_supported: ['RS256'] }
          : req.url === '/jwks'
            ? { keys: [publicJwk] }
            : null;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
    });
    await new Promise<void>((r) => issuer.listen(0, '127.0.0.1', r));
    issuerUrl = `http://127.0.0.1:${(issuer.address() as AddressInfo).port}`;
    const creds = exportedCredentials(stack.output());
    adminEnv = { AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey };
  });
  afterAll(async () => {
    await new Promise((r) => issuer?.close(r));
    removeDir(scratch);
  });

  /**
   * The CLI with only what it needs in its environment: no credentials unless given. Asynchronous: the
   * issuer is served from this very process, which must keep answering while the CLI waits on STS.
   */
  const aws = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    new Promise<{ status: number | null; json: any; stderr: string }>((resolve) => {
      const child = spawn(AWS, [...args, '--endpoint-url', stack.url, '--output', 'json'], {
        env: {
          PATH: process.env.PATH,
          HOME: scratch,
          AWS_REGION: 'us-east-1',
          AWS_PAGER: '',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_MAX_ATTEMPTS: '1',
          ...env,
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => resolve({ status, json: stdout ? JSON.parse(stdout) : undefined, stderr }));
    });
  const file = (name: string, text: string) => {
    const path = join(scratch, name);
    writeFileSync(path, text);
    return `file://${path}`;
  };
  const asSession = (c: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string }) => ({
    AWS_ACCESS_KEY_ID: c.AccessKeyId,
    AWS_SECRET_ACCESS_KEY: c.SecretAccessKey,
    AWS_SESSION_TOKEN: c.SessionToken,
  });

  it('assume-role-with-web-identity: a workflow of the trusted repository gets credentials; another repository is refused', async () => {
    // Debian's CLI (2.9) predates optional thumbprints: it insists on one, which the service keeps and does not need.
    const provider = await aws(
      [
        'iam',
        'create-open-id-connect-provider',
        '--url',
        issuerUrl,
        '--client-id-list',
        'sts.amazonaws.com',
        '--thumbprint-list',
        THUMBPRINT,
      ],
      adminEnv,
    );
    expect(provider.status, provider.stderr).toBe(0);
    const providerArn = provider.json.OpenIDConnectProviderArn as string;
    const id = issuerUrl.replace('http://', '');
    expect(providerArn).toBe(`arn:aws:iam::${account}:oidc-provider/${id}`);
    const trust = policy([
      {
        Effect: 'Allow',
        Principal: { Federated: providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${id}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${id}:sub`]: 'repo:acme/app:*' } },
      },
    ]);
    const role = await aws(
      ['iam', 'create-role', '--role-name', 'ci-deploy', '--assume-role-policy-document', file('trust.json', trust)],
      adminEnv,
    );
    expect(role.status, role.stderr).toBe(0);
    const permissions = policy([{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }]);
    const put = await aws(
      ['iam', 'put-role-policy', '--role-name', 'ci-deploy', '--policy-name', 'list', '--policy-document', file('perm.json', permissions)],
      adminEnv,
    );
    expect(put.status, put.stderr).toBe(0);
    const token = (repo: string) =>
      new SignJWT({ aud: 'sts.amazonaws.com', sub: `repo:${repo}:ref:refs/heads/main`, repository: repo })
        .setProtectedHeader({ alg: 'RS256', kid: 'local-1', typ: 'JWT' })
        .setIssuer(issuerUrl)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(signingKey);
    const roleArn = `arn:aws:iam::${account}:role/ci-deploy`;
    const assumeWith = async (repo: string) =>
      aws([
        'sts',
        'assume-role-with-web-identity',
        '--role-arn',
        roleArn,
        '--role-session-name',
        'cli-run',
        '--web-identity-token',
        await token(repo),
      ]);
    const assumed = await assumeWith('acme/app');
    expect(assumed.status, assumed.stderr).toBe(0);
    expect(assumed.json).toMatchObject({
      AssumedRoleUser: { Arn: `arn:aws:sts::${account}:assumed-role/ci-deploy/cli-run` },
      Provider: providerArn,
      Audience: 'sts.amazonaws.com',
      SubjectFromWebIdentityToken: 'repo:acme/app:ref:refs/heads/main',
    });
    const session = asSession(assumed.json.Credentials);
    expect((await aws(['sts', 'get-caller-identity'], session)).json.Arn).toBe(`arn:aws:sts::${account}:assumed-role/ci-deploy/cli-run`);
    expect((await aws(['iam', 'list-roles'], session)).status).toBe(0);
    const refused = await assumeWith('evil/app');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('AccessDenied');
  });

  it('assume-role-with-saml: an assertion of the registered IdP gets credentials, once', async () => {
    const idp = await createTestIdp({ entityId: 'https://idp.example.com/saml' });
    const created = await aws(
      ['iam', 'create-saml-provider', '--name', 'Corp', '--saml-metadata-document', file('metadata.xml', idp.metadata())],
      adminEnv,
    );
    expect(created.status, created.stderr).toBe(0);
    const providerArn = created.json.SAMLProviderArn as string;
    const trust = policy([{ Effect: 'Allow', Principal: { Federated: providerArn }, Action: 'sts:AssumeRoleWithSAML' }]);
    const role = await aws(
      ['iam', 'create-role', '--role-name', 'Staff', '--assume-role-policy-document', file('saml-trust.json', trust)],
      adminEnv,
    );
    expect(role.status, role.stderr).toBe(0);
    const roleArn = `arn:aws:iam::${account}:role/Staff`;
    const assertion = await idp.response({ roles: [{ roleArn, providerArn }], roleSessionName: 'alice' });
    const assumeWith = () =>
      aws(['sts', 'assume-role-with-saml', '--role-arn', roleArn, '--principal-arn', providerArn, '--saml-assertion', assertion]);
    const assumed = await assumeWith();
    expect(assumed.status, assumed.stderr).toBe(0);
    expect(assumed.json).toMatchObject({
      AssumedRoleUser: { Arn: `arn:aws:sts::${account}:assumed-role/Staff/alice` },
      Issuer: 'https://idp.example.com/saml',
    });
    const who = await aws(['sts', 'get-caller-identity'], asSession(assumed.json.Credentials));
    expect(who.json.Arn).toBe(`arn:aws:sts::${account}:assumed-role/Staff/alice`);
    const replayed = await assumeWith();
    expect(replayed.status).not.toBe(0);
    expect(replayed.stderr).toContain('InvalidIdentityToken');
  });
});

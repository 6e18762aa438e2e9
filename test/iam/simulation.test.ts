// The policy simulator through the AWS SDK, on the same engine as /authorize: tom in BisDev with
// AmazonS3ReadOnlyAccess may GetObject but not PutObject; explicit denies name their statement;
// boundaries, resource policies, context entries and the context-key listings.
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetContextKeysForCustomPolicyCommand,
  GetContextKeysForPrincipalPolicyCommand,
  IAMClient,
  paginateSimulateCustomPolicy,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { awsManagedPolicyArn } from '../../packages/core/src/db/aws-managed-policies';
import { ENDPOINT, rootClient, workerHandler, type Credentials } from './clients';
import { allow, clientForUserWithPolicy, trustPolicy } from './fixtures';

const S3_READ = awsManagedPolicyArn('AmazonS3ReadOnlyAccess');

async function tomInBisDev(iam: IAMClient) {
  await iam.send(new CreateUserCommand({ UserName: 'tom' }));
  await iam.send(new CreateGroupCommand({ GroupName: 'BisDev' }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'BisDev', PolicyArn: S3_READ }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'BisDev', UserName: 'tom' }));
}

const decisions = (r: { EvaluationResults?: { EvalActionName?: string; EvalDecision?: string }[] }) =>
  Object.fromEntries((r.EvaluationResults ?? []).map((e) => [e.EvalActionName, e.EvalDecision]));

describe('SimulatePrincipalPolicy', () => {
  it('tom in BisDev (AmazonS3ReadOnlyAccess): s3:GetObject allowed, s3:PutObject implicitDeny', async () => {
    const { iam, account } = await rootClient();
    await tomInBisDev(iam);
    const res = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${account.accountId}:user/tom`,
        ActionNames: ['s3:GetObject', 's3:PutObject'],
      }),
    );
    expect(res.IsTruncated).toBe(false);
    const [get, put] = res.EvaluationResults!;
    expect(get).toMatchObject({
      EvalActionName: 's3:GetObject',
      EvalResourceName: '*',
      EvalDecision: 'allowed',
      MatchedStatements: [{ SourcePolicyId: 'AmazonS3ReadOnlyAccess', SourcePolicyType: 'aws-managed' }],
      MissingContextValues: [],
    });
    expect(get!.ResourceSpecificResults).toBeUndefined();
    expect(put).toMatchObject({ EvalActionName: 's3:PutObject', EvalDecision: 'implicitDeny', MatchedStatements: [] });
  });

  it('an explicit deny inline policy wins and is named in MatchedStatements, with its position', async () => {
    const { iam, account } = await rootClient();
    await tomInBisDev(iam);
    const deny = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [{ Sid: 'NoSecrets', Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::secrets/*' }],
      },
      null,
      2,
    );
    await iam.send(new PutUserPolicyCommand({ UserName: 'tom', PolicyName: 'DenySecrets', PolicyDocument: deny }));
    const res = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${account.accountId}:user/tom`,
        ActionNames: ['s3:GetObject'],
        ResourceArns: ['arn:aws:s3:::secrets/plan.txt', 'arn:aws:s3:::public/readme.txt'],
      }),
    );
    const [r] = res.EvaluationResults!;
    expect(r).toMatchObject({
      EvalDecision: 'explicitDeny',
      EvalResourceName: '*',
      MatchedStatements: [
        {
          SourcePolicyId: 'DenySecrets',
          SourcePolicyType: 'user',
          StartPosition: { Line: 4, Column: 5 },
          EndPosition: { Line: 9, Column: 6 },
        },
      ],
    });
    expect(r!.ResourceSpecificResults).toEqual([
      expect.objectContaining({ EvalResourceName: 'arn:aws:s3:::secrets/plan.txt', EvalResourceDecision: 'explicitDeny' }),
      expect.objectContaining({
        EvalResourceName: 'arn:aws:s3:::public/readme.txt',
        EvalResourceDecision: 'allowed',
        MatchedStatements: [expect.objectContaining({ SourcePolicyId: 'AmazonS3ReadOnlyAccess', SourcePolicyType: 'aws-managed' })],
      }),
    ]);
  });

  it('a group or a role as PolicySourceArn uses its own policies', async () => {
    const { iam, account } = await rootClient();
    await tomInBisDev(iam);
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'BisDev', PolicyName: 'tables', PolicyDocument: allow('dynamodb:Query') }));
    const group = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${account.accountId}:group/BisDev`,
        ActionNames: ['s3:ListBucket', 'dynamodb:Query', 'ec2:RunInstances'],
      }),
    );
    expect(decisions(group)).toEqual({ 's3:ListBucket': 'allowed', 'dynamodb:Query': 'allowed', 'ec2:RunInstances': 'implicitDeny' });
    expect(group.EvaluationResults![1]!.MatchedStatements).toEqual([
      expect.objectContaining({ SourcePolicyId: 'tables', SourcePolicyType: 'group' }),
    ]);

    await iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: trustPolicy() }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'queue', PolicyDocument: allow('sqs:SendMessage') }));
    const role = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${account.accountId}:role/app`,
        ActionNames: ['sqs:SendMessage', 's3:GetObject'],
      }),
    );
    expect(decisions(role)).toEqual({ 'sqs:SendMessage': 'allowed', 's3:GetObject': 'implicitDeny' });
    expect(role.EvaluationResults![0]!.MatchedStatements).toEqual([
      expect.objectContaining({ SourcePolicyId: 'queue', SourcePolicyType: 'role' }),
    ]);
  });

  it('PolicyInputList adds policies; a boundary from the request limits them', async () => {
    const { iam, account } = await rootClient();
    await tomInBisDev(iam);
    const res = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${account.accountId}:user/tom`,
        PolicyInputList: [allow(['s3:PutObject', 'sqs:SendMessage'])],
        PermissionsBoundaryPolicyInputList: [allow('s3:*')],
        ActionNames: ['s3:PutObject', 'sqs:SendMessage'],
      }),
    );
    const [put, send] = res.EvaluationResults!;
    expect(put).toMatchObject({ EvalDecision: 'allowed', PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: true } });
    expect(put!.MatchedStatements).toEqual(
      expect.arrayContaining([expect.objectContaining({ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none' })]),
    );
    expect(send).toMatchObject({
      EvalDecision: 'implicitDeny',
      PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false },
    });
  });

  it('a resource policy can allow on its own within the account (CallerArn is the principal)', async () => {
    const { iam, account } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'ann' }));
    const acct = account.accountId;
    const bucketPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:user/ann` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' },
      ],
    });
    const res = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${acct}:user/ann`,
        ActionNames: ['s3:GetObject'],
        ResourceArns: ['arn:aws:s3:::shared/a.txt'],
        ResourcePolicy: bucketPolicy,
      }),
    );
    expect(res.EvaluationResults![0]).toMatchObject({
      EvalDecision: 'allowed',
      MatchedStatements: [{ SourcePolicyId: 'ResourcePolicy', SourcePolicyType: 'resource' }],
      ResourceSpecificResults: [{ EvalResourceName: 'arn:aws:s3:::shared/a.txt', EvalResourceDecision: 'allowed' }],
    });
  });

  it('paginates EvaluationResults with MaxItems and Marker', async () => {
    const { iam, account } = await rootClient();
    await tomInBisDev(iam);
    const actions = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:DeleteObject', 's3:GetBucketPolicy'];
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = await iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${account.accountId}:user/tom`,
          ActionNames: actions,
          MaxItems: 2,
          Marker: marker,
        }),
      );
      expect(page.EvaluationResults!.length).toBeLessThanOrEqual(2);
      seen.push(...page.EvaluationResults!.map((e) => e.EvalActionName!));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    expect(seen).toEqual(actions);
  });

  it('unknown principals are NoSuchEntity; other accounts cannot be probed', async () => {
    const { iam, account } = await rootClient();
    const other = await rootClient();
    await other.iam.send(new CreateUserCommand({ UserName: 'victim' }));
    await expect(
      iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${account.accountId}:user/ghost`,
          ActionNames: ['s3:GetObject'],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name ghost cannot be found.',
    });
    await expect(
      iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${other.account.accountId}:user/victim`,
          ActionNames: ['s3:GetObject'],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });

  it('needs iam:SimulatePrincipalPolicy on the principal', async () => {
    const { iam, account } = await rootClient();
    await tomInBisDev(iam);
    const acct = account.accountId;
    const onlyAnn = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:SimulatePrincipalPolicy', Resource: `arn:aws:iam::${acct}:user/ann` }],
    });
    const auditor = await clientForUserWithPolicy(iam, 'auditor', onlyAnn);
    await expect(
      auditor.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${acct}:user/tom`, ActionNames: ['s3:GetObject'] })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining(`iam:SimulatePrincipalPolicy on resource: arn:aws:iam::${acct}:user/tom`),
    });
  });

  it('silent over-approval: an exclusion list it cannot honour is refused, not ignored', async () => {
    // Threat: ignoring PolicyExclusionList would report access through the very policy the caller
    // asked to leave out, so "what if we remove this policy" would look safer than it is.
    const { iam, account } = await rootClient();
    await tomInBisDev(iam);
    await expect(
      iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${account.accountId}:user/tom`,
          ActionNames: ['s3:GetObject'],
          PolicyExclusionList: [{ PolicyArn: S3_READ }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInputException', message: 'PolicyExclusionList is not supported by this service.' });
  });
});

describe('SimulateCustomPolicy', () => {
  const officeOnly = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }],
  });

  it('decides with aws:SourceIp context entries, and reports the key as missing without one', async () => {
    const { iam } = await rootClient();
    const simulate = (ip?: string) =>
      iam.send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [officeOnly],
          ActionNames: ['s3:GetObject'],
          ...(ip ? { ContextEntries: [{ ContextKeyName: 'aws:SourceIp', ContextKeyValues: [ip], ContextKeyType: 'ip' }] } : {}),
        }),
      );
    expect((await simulate('203.0.113.7')).EvaluationResults![0]).toMatchObject({
      EvalDecision: 'allowed',
      MatchedStatements: [{ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none' }],
      MissingContextValues: [],
    });
    expect((await simulate('198.51.100.1')).EvaluationResults![0]).toMatchObject({ EvalDecision: 'implicitDeny' });
    expect((await simulate()).EvaluationResults![0]).toMatchObject({
      EvalDecision: 'implicitDeny',
      MissingContextValues: ['aws:SourceIp'],
    });
  });

  it('checks context values against their declared type', async () => {
    const { iam } = await rootClient();
    await expect(
      iam.send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [officeOnly],
          ActionNames: ['s3:GetObject'],
          ContextEntries: [{ ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['not-an-ip'], ContextKeyType: 'ip' }],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: expect.stringContaining("aws:SourceIp of type ip has the value 'not-an-ip'"),
    });
    const numeric = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { NumericLessThanEquals: { 's3:max-keys': '10' } } },
      ],
    });
    const run = (v: string) =>
      iam.send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [numeric],
          ActionNames: ['s3:ListBucket'],
          ContextEntries: [{ ContextKeyName: 's3:max-keys', ContextKeyValues: [v], ContextKeyType: 'numeric' }],
        }),
      );
    expect(decisions(await run('5'))).toEqual({ 's3:ListBucket': 'allowed' });
    expect(decisions(await run('50'))).toEqual({ 's3:ListBucket': 'implicitDeny' });
    await expect(run('ten')).rejects.toMatchObject({ name: 'InvalidInputException' });
  });

  it('an explicit deny beats an allow in another input policy', async () => {
    const { iam } = await rootClient();
    const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }] });
    const res = await iam.send(
      new SimulateCustomPolicyCommand({ PolicyInputList: [allow('s3:*'), deny], ActionNames: ['s3:DeleteBucket', 's3:CreateBucket'] }),
    );
    expect(decisions(res)).toEqual({ 's3:DeleteBucket': 'explicitDeny', 's3:CreateBucket': 'allowed' });
    expect(res.EvaluationResults![0]!.MatchedStatements).toEqual([
      expect.objectContaining({ SourcePolicyId: 'PolicyInputList.2', SourcePolicyType: 'none' }),
    ]);
  });

  it('privilege by omission: with no CallerArn the simulated caller is never the root user', async () => {
    // Threat: simulating as the root user would allow everything without any policy, so an empty
    // policy set would look harmless.
    const { iam } = await rootClient();
    const res = await iam.send(
      new SimulateCustomPolicyCommand({ PolicyInputList: [allow('s3:GetObject')], ActionNames: ['iam:CreateUser'] }),
    );
    expect(decisions(res)).toEqual({ 'iam:CreateUser': 'implicitDeny' });
  });

  it('malformed input policies are InvalidInput naming the input', async () => {
    const { iam } = await rootClient();
    await expect(
      iam.send(
        new SimulateCustomPolicyCommand({ PolicyInputList: [allow('s3:GetObject'), '{"Statement": 7}'], ActionNames: ['s3:GetObject'] }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: expect.stringMatching(/^PolicyInputList\.2 is not a valid identity-based policy: /),
    });
    await expect(
      iam.send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [allow('s3:GetObject')],
          ActionNames: ['s3:GetObject'],
          ResourcePolicy: allow('s3:GetObject'),
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInputException', message: 'CallerArn is required when ResourcePolicy is given.' });
  });
});

describe('GetContextKeysFor*Policy', () => {
  it('lists the keys used in conditions and policy variables', async () => {
    const { iam } = await rootClient();
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:*',
          Resource: 'arn:aws:s3:::home/${aws:username}/*',
          Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        },
        {
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' }, StringEquals: { 's3:prefix': 'x' } },
        },
      ],
    });
    const res = await iam.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [doc] }));
    expect(res.ContextKeyNames).toEqual(['aws:MultiFactorAuthPresent', 'aws:SourceIp', 'aws:username', 's3:prefix']);
  });

  it('for a principal: its own and its groups policies, plus PolicyInputList', async () => {
    const { iam, account } = await rootClient();
    await tomInBisDev(iam);
    const mfa = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }],
    });
    const region = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }],
    });
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'BisDev', PolicyName: 'mfa', PolicyDocument: mfa }));
    const res = await iam.send(
      new GetContextKeysForPrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${account.accountId}:user/tom`,
        PolicyInputList: [region],
      }),
    );
    expect(res.ContextKeyNames).toEqual(['aws:MultiFactorAuthPresent', 'aws:RequestedRegion']);
  });
});

describe('simulating a principal one may not simulate', () => {
  it('a deny on one principal cannot be sidestepped by changing the case of its name in PolicySourceArn', async () => {
    // Threat: a delegate allowed iam:SimulatePrincipalPolicy on `user/*` except `user/admin` names
    // `user/ADMIN`; names match case-insensitively, so it reads admin's policies (and their context
    // keys) unless the permission is checked against the real ARN.
    const { iam, account } = await rootClient();
    const acct = account.accountId;
    await iam.send(new CreateUserCommand({ UserName: 'admin' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'admin', PolicyName: 'secret', PolicyDocument: allow('s3:*', '*') }));
    const delegate = await clientForUserWithPolicy(
      iam,
      'delegate',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['iam:SimulatePrincipalPolicy', 'iam:GetContextKeysForPrincipalPolicy'],
            Resource: `arn:aws:iam::${acct}:user/*`,
          },
          {
            Effect: 'Deny',
            Action: ['iam:SimulatePrincipalPolicy', 'iam:GetContextKeysForPrincipalPolicy'],
            Resource: `arn:aws:iam::${acct}:user/admin`,
          },
        ],
      }),
    );
    const simulate = (name: string) =>
      delegate.send(
        new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${acct}:user/${name}`, ActionNames: ['s3:DeleteBucket'] }),
      );
    await expect(simulate('admin')).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(simulate('ADMIN')).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(
      delegate.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${acct}:user/Admin` })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});

describe('response amplification', () => {
  // Threat: one 190 KB SimulateCustomPolicy request (100 actions x 900 long resource ARNs) once made a
  // 16.7 MB response, so anyone allowed to simulate could make the service do and send a hundred times
  // the work they sent. A simulation's total work is capped, each response holds a bounded page, and
  // what does not fit is refused up front with a 400 that says what to do.
  const longArns = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:s3:::amplification-bucket/${'deep/'.repeat(30)}${i}`);
  const actionNames = (n: number) => Array.from({ length: n }, (_, i) => `s3:Action${i}`);

  /** An IAM client that records the size of every response body it receives. */
  function measuredClient(creds: Credentials) {
    const sizes: number[] = [];
    const inner = workerHandler();
    const client = new IAMClient({
      region: 'us-east-1',
      endpoint: ENDPOINT,
      credentials: creds,
      maxAttempts: 1,
      requestHandler: {
        async handle(request: Parameters<typeof inner.handle>[0]) {
          const out = await inner.handle(request);
          sizes.push((out.response.body as Uint8Array).byteLength);
          return out;
        },
      },
    });
    return { client, sizes };
  }

  it('a simulation asking for more decisions than a request may cost is refused with InvalidInput', async () => {
    const { creds } = await rootClient();
    const { client, sizes } = measuredClient(creds);
    const input = { PolicyInputList: [allow('s3:*')], ActionNames: actionNames(100), ResourceArns: longArns(800) };
    await expect(client.send(new SimulateCustomPolicyCommand(input))).rejects.toMatchObject({
      name: 'InvalidInputException',
      $metadata: { httpStatusCode: 400 },
      message: expect.stringMatching(/asks for 80000 decisions \(100 actions x 800 resources\); a request may ask for at most 10000/),
    });
    expect(sizes[0]).toBeLessThan(2048);
  });

  it('the same cap applies to SimulatePrincipalPolicy', async () => {
    const { iam, account } = await rootClient();
    await tomInBisDev(iam);
    await expect(
      iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${account.accountId}:user/tom`,
          ActionNames: actionNames(50),
          ResourceArns: longArns(300),
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInputException', message: expect.stringContaining('15000 decisions') });
  });

  it('an action whose results alone would not fit in a response is refused, not sent', async () => {
    const { creds } = await rootClient();
    const { client, sizes } = measuredClient(creds);
    // Twenty statements that all match: every resource's result lists each of them.
    const manyMatches = JSON.stringify({
      Version: '2012-10-17',
      Statement: Array.from({ length: 20 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })),
    });
    await expect(
      client.send(
        new SimulateCustomPolicyCommand({ PolicyInputList: [manyMatches], ActionNames: ['s3:GetObject'], ResourceArns: longArns(900) }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInputException', message: expect.stringContaining('do not fit in one response') });
    expect(sizes[0]).toBeLessThan(2048);
  });

  it('a large simulation within the cap pages with IsTruncated and Marker, each page bounded, and the SDK paginates it', async () => {
    const { creds } = await rootClient();
    const { client, sizes } = measuredClient(creds);
    const actions = actionNames(20);
    const resources = longArns(400);
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateSimulateCustomPolicy(
      { client },
      { PolicyInputList: [allow('s3:*')], ActionNames: actions, ResourceArns: resources },
    )) {
      pages++;
      for (const r of page.EvaluationResults ?? []) {
        expect(r.ResourceSpecificResults).toHaveLength(400);
        seen.push(r.EvalActionName!);
      }
      if (page.IsTruncated) expect(page.Marker).toBeTruthy();
    }
    expect(seen).toEqual(actions);
    // 8,000 decisions at most 1,000 a page: at least eight pages, none much over the page budget.
    expect(pages).toBeGreaterThanOrEqual(8);
    for (const size of sizes) expect(size).toBeLessThan(1_100_000);
  });

  it('a Marker that no response gave is InvalidInput', async () => {
    const { iam } = await rootClient();
    const simulate = (Marker: string) =>
      iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [allow('s3:*')], ActionNames: ['s3:GetObject'], Marker }));
    for (const marker of ['NQ', 'LTE', 'eA']) {
      await expect(simulate(marker)).rejects.toMatchObject({ name: 'InvalidInputException', message: expect.stringContaining('Marker') });
    }
  });
});

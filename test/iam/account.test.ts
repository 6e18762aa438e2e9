// Account aliases and the account summary through the AWS SDK: AWS's alias rules, one alias per
// account, uniqueness across the whole service, and SummaryMap counts that follow what is created.
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateAccessKeyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteAccountAliasCommand,
  GetAccountSummaryCommand,
  ListAccountAliasesCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { awsManagedPolicyArn } from '../../packages/core/src/db/aws-managed-policies';
import { rootClient } from './clients';
import { allow, clientForUserWithPolicy, trustPolicy } from './fixtures';

const uniqueAlias = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

describe('account aliases', () => {
  it('creates, lists, replaces and deletes the alias', async () => {
    const { iam } = await rootClient();
    expect(await iam.send(new ListAccountAliasesCommand({}))).toMatchObject({ AccountAliases: [], IsTruncated: false });
    const first = uniqueAlias('example-corp');
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: first }));
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([first]);
    // Creating it again is harmless; a different one replaces it (an account has one alias).
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: first }));
    const second = uniqueAlias('renamed');
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: second }));
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([second]);

    await expect(iam.send(new DeleteAccountAliasCommand({ AccountAlias: first }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `The account alias ${first} cannot be found.`,
      $metadata: { httpStatusCode: 404 },
    });
    await iam.send(new DeleteAccountAliasCommand({ AccountAlias: second }));
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
  });

  it("enforces AWS's alias pattern and length", async () => {
    const { iam } = await rootClient();
    for (const bad of ['ab', 'a'.repeat(64), 'Upper-case', '-leading', 'trailing-', 'double--dash', 'under_score']) {
      await expect(iam.send(new CreateAccountAliasCommand({ AccountAlias: bad })), bad).rejects.toMatchObject({
        name: 'ValidationError',
        $metadata: { httpStatusCode: 400 },
      });
    }
    await expect(iam.send(new CreateAccountAliasCommand({ AccountAlias: 'Upper-case' }))).rejects.toMatchObject({
      message:
        "1 validation error detected: Value 'Upper-case' at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$",
    });
    for (const good of ['abc', `a${'-b'.repeat(30)}c`, uniqueAlias('x1')]) {
      await iam.send(new CreateAccountAliasCommand({ AccountAlias: good }));
    }
  });

  it('account takeover at sign-in: an alias is unique across the whole service', async () => {
    // Threat: sign-in resolves `<alias>` to an account, so two accounts sharing one alias would let one
    // capture the other's sign-in page.
    const a = await rootClient();
    const b = await rootClient();
    const alias = uniqueAlias('shared');
    await a.iam.send(new CreateAccountAliasCommand({ AccountAlias: alias }));
    await expect(b.iam.send(new CreateAccountAliasCommand({ AccountAlias: alias }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: `The account alias ${alias} already exists.`,
      $metadata: { httpStatusCode: 409 },
    });
    expect((await b.iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
    // B cannot delete A's alias either.
    await expect(b.iam.send(new DeleteAccountAliasCommand({ AccountAlias: alias }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
    await a.iam.send(new DeleteAccountAliasCommand({ AccountAlias: alias }));
    await b.iam.send(new CreateAccountAliasCommand({ AccountAlias: alias }));
    await b.iam.send(new DeleteAccountAliasCommand({ AccountAlias: alias }));
  });

  it('account confusion at sign-in: an alias cannot look like an account ID', async () => {
    // Threat: sign-in accepts an account ID or an alias in one field; a 12-digit alias could shadow
    // another account's ID.
    const a = await rootClient();
    const b = await rootClient();
    await expect(a.iam.send(new CreateAccountAliasCommand({ AccountAlias: b.account.accountId }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: expect.stringContaining('cannot be 12 digits'),
    });
  });

  it('needs iam:CreateAccountAlias on *', async () => {
    const { iam } = await rootClient();
    const reader = await clientForUserWithPolicy(iam, 'reader', allow('iam:ListAccountAliases'));
    expect((await reader.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
    await expect(reader.send(new CreateAccountAliasCommand({ AccountAlias: uniqueAlias('nope') }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('is not authorized to perform: iam:CreateAccountAlias on resource: *'),
    });
  });
});

describe('GetAccountSummary', () => {
  it('a fresh account: the root access key is present, nothing else exists, quotas are AWS defaults', async () => {
    const { iam } = await rootClient();
    const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}));
    expect(SummaryMap).toMatchObject({
      Users: 0,
      Groups: 0,
      Roles: 0,
      Policies: 0,
      PolicyVersionsInUse: 0,
      MFADevices: 0,
      MFADevicesInUse: 0,
      AccountMFAEnabled: 0,
      AccountAccessKeysPresent: 1,
      AccountPasswordPresent: 1,
      AccountSigningCertificatesPresent: 0,
      UsersQuota: 5000,
      GroupsQuota: 300,
      RolesQuota: 1000,
      PoliciesQuota: 1500,
      PolicySizeQuota: 6144,
      UserPolicySizeQuota: 2048,
      GroupPolicySizeQuota: 5120,
      RolePolicySizeQuota: 10240,
      AssumeRolePolicySizeQuota: 2048,
      VersionsPerPolicyQuota: 5,
      AttachedPoliciesPerUserQuota: 10,
      AttachedPoliciesPerGroupQuota: 10,
      AttachedPoliciesPerRoleQuota: 10,
      GroupsPerUserQuota: 10,
      AccessKeysPerUserQuota: 2,
      PolicyVersionsInUseQuota: 10000,
      GlobalEndpointTokenVersion: 1,
      ServerCertificates: 0,
      InstanceProfiles: 0,
    });
    expect(Object.keys(SummaryMap!).sort()).toEqual(Object.keys(SummaryMap!));
  });

  it('counts follow created users, groups, roles and customer managed policies (only this account)', async () => {
    const { iam } = await rootClient();
    const other = await rootClient();
    await other.iam.send(new CreateUserCommand({ UserName: 'elsewhere' }));
    await Promise.all(['tom', 'ann', 'bob'].map((n) => iam.send(new CreateUserCommand({ UserName: n }))));
    await iam.send(new CreateGroupCommand({ GroupName: 'BisDev' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: trustPolicy() }));
    await iam.send(new CreatePolicyCommand({ PolicyName: 'p1', PolicyDocument: allow('s3:GetObject') }));
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'p2', PolicyDocument: allow('s3:GetObject') }));
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: Policy!.Arn!, PolicyDocument: allow('s3:PutObject'), SetAsDefault: true }));
    // Attaching an AWS-managed policy is not a customer policy of the account.
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'BisDev', PolicyArn: awsManagedPolicyArn('AmazonS3ReadOnlyAccess') }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'BisDev', UserName: 'tom' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'tom' }));

    const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}));
    expect(SummaryMap).toMatchObject({ Users: 3, Groups: 1, Roles: 1, Policies: 2, PolicyVersionsInUse: 3, AccountAccessKeysPresent: 1 });
  });

  it('AccountAccessKeysPresent turns 0 when the root key is deleted', async () => {
    const root = await rootClient();
    const admin = await clientForUserWithPolicy(root.iam, 'admin', allow('iam:*'));
    await root.iam.send(new DeleteAccessKeyCommand({ AccessKeyId: root.creds.accessKeyId }));
    expect((await admin.send(new GetAccountSummaryCommand({}))).SummaryMap).toMatchObject({ AccountAccessKeysPresent: 0, Users: 1 });
  });

  it('needs iam:GetAccountSummary', async () => {
    const { iam } = await rootClient();
    const nobody = await clientForUserWithPolicy(iam, 'nobody', allow('iam:ListUsers'));
    await expect(nobody.send(new GetAccountSummaryCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});

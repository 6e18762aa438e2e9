// The AWS-managed policy catalogue as the SQL of repo/aws-managed-catalogue.ts loads it (the same
// statements `npm run db:aws-policies` applies), here from a sample of the npm package's data (ten
// policies, ReadOnlyAccess with a 90 KB version that takes the split-statement path), then read and
// used through the AWS SDK: AWS's ARNs, paths, dates and default versions, every version readable,
// attachments, /authorize on the default version, and reloads that add versions and deprecate policies.
import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListAttachedRolePoliciesCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  SetDefaultPolicyVersionCommand,
  type IAMClient,
  type ListPoliciesCommandInput,
  type Policy,
} from '@aws-sdk/client-iam';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { AWS_MANAGED_POLICIES } from '../../packages/core/src/db/aws-managed-policies';
import {
  CATALOGUE_STATE_SQL,
  catalogueSql,
  catalogueState,
  sameCatalogueState,
  type Catalogue,
  type CatalogueState,
} from '../../packages/core/src/repo/aws-managed-catalogue';
import { authorizeCall, forwardedRequest } from '../policy/client';
import { rootClient } from './clients';
import sample from './aws-managed-catalogue.sample.json';

const SAMPLE = sample as unknown as Catalogue;
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const LAMBDA_BASIC = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
const VIEW_ONLY = 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess';
// A policy only this file loads: the database is shared with other test files, which may attach any of
// the sample's policies, so "attached nowhere" holds only for this one.
const RETIRED_NAME = 'EdgeIamRetiredViewOnly';
const RETIRED = `arn:aws:iam::aws:policy/job-function/${RETIRED_NAME}`;
const LAMBDA_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

async function load(catalogue: Catalogue) {
  const { statements } = await catalogueSql(catalogue, new Map(AWS_MANAGED_POLICIES.map((p) => [p.name, p.id])));
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
}
const dbState = async () => (await env.DB.prepare(CATALOGUE_STATE_SQL).first<CatalogueState>())!;

async function allPolicies(iam: IAMClient, input: ListPoliciesCommandInput) {
  const out: Policy[] = [];
  let Marker: string | undefined;
  do {
    const res = await iam.send(new ListPoliciesCommand({ ...input, Marker }));
    out.push(...res.Policies!);
    Marker = res.IsTruncated ? res.Marker : undefined;
  } while (Marker);
  return out;
}

describe('the AWS-managed policy catalogue', () => {
  beforeAll(() => load(SAMPLE));

  it('loads every policy and version, and the database then reports the state of that catalogue', async () => {
    expect(sameCatalogueState(await dbState(), catalogueState(SAMPLE))).toBe(true);
    expect((await dbState()).versions).toBe(Object.values(SAMPLE).reduce((n, p) => n + Object.keys(p.versions).length, 0));
  });

  it('loading the same catalogue again changes nothing', async () => {
    const before = await env.DB.prepare('SELECT * FROM managed_policies WHERE account_id IS NULL ORDER BY arn').all();
    await load(SAMPLE);
    const after = await env.DB.prepare('SELECT * FROM managed_policies WHERE account_id IS NULL ORDER BY arn').all();
    expect(after.results).toEqual(before.results);
    expect(sameCatalogueState(await dbState(), catalogueState(SAMPLE))).toBe(true);
  });

  it('ListPolicies Scope=AWS pages through all of them with AWS ARNs and paths; PathPrefix filters by path', async () => {
    const { iam } = await rootClient();
    const policies = await allPolicies(iam, { Scope: 'AWS', MaxItems: 3 });
    expect(policies.map((p) => p.Arn).sort()).toEqual(
      Object.values(SAMPLE)
        .map((p) => p.arn)
        .sort(),
    );
    expect(policies.find((p) => p.Arn === LAMBDA_BASIC)).toMatchObject({
      PolicyName: 'AWSLambdaBasicExecutionRole',
      Path: '/service-role/',
    });
    expect(policies.find((p) => p.Arn === VIEW_ONLY)).toMatchObject({ Path: '/job-function/', DefaultVersionId: 'v45' });
    const serviceRole = await allPolicies(iam, { Scope: 'AWS', PathPrefix: '/service-role/' });
    expect(serviceRole.map((p) => p.Arn)).toEqual([LAMBDA_BASIC]);
    expect(await allPolicies(iam, { Scope: 'Local' })).toEqual([]);
  });

  it("GetPolicy shows AWS's ARN, path, dates, default version and this account's attachment count", async () => {
    const { iam } = await rootClient();
    const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: READ_ONLY }));
    expect(Policy).toMatchObject({
      PolicyName: 'ReadOnlyAccess',
      Arn: READ_ONLY,
      Path: '/',
      DefaultVersionId: SAMPLE.ReadOnlyAccess!.latestVersionId,
      AttachmentCount: 0,
      IsAttachable: true,
      CreateDate: new Date(SAMPLE.ReadOnlyAccess!.createdDate!),
      UpdateDate: new Date(SAMPLE.ReadOnlyAccess!.lastUpdatedDate!),
    });
    expect(Policy!.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    // The policies migration 0001 seeded keep AWS's real ids.
    const power = await iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }));
    expect(power.Policy).toMatchObject({ PolicyId: 'ANPAJYRXTHIB4FOVS3ZXS', DefaultVersionId: SAMPLE.PowerUserAccess!.latestVersionId });
  });

  it('GetPolicyVersion returns any published version, URL-encoded as AWS sends it; ListPolicyVersions lists them', async () => {
    const { iam } = await rootClient();
    for (const v of ['v1', 'v188']) {
      const { PolicyVersion } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: READ_ONLY, VersionId: v }));
      expect(PolicyVersion!.Document).toMatch(/^%7B%22Version%22/);
      expect(JSON.parse(decodeURIComponent(PolicyVersion!.Document!))).toEqual(SAMPLE.ReadOnlyAccess!.versions[v]!.document);
      expect(PolicyVersion).toMatchObject({ VersionId: v, IsDefaultVersion: v === 'v188' });
    }
    const power = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }));
    const ids = Object.keys(SAMPLE.PowerUserAccess!.versions).sort((a, b) => Number(b.slice(1)) - Number(a.slice(1)));
    expect(power.Versions!.map((v) => v.VersionId)).toEqual(ids);
    expect(power.Versions!.filter((v) => v.IsDefaultVersion).map((v) => v.VersionId)).toEqual(['v12']);
    const paged = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess', MaxItems: 4 }));
    expect(paged).toMatchObject({ IsTruncated: true });
    const rest = await iam.send(
      new ListPolicyVersionsCommand({ PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess', Marker: paged.Marker }),
    );
    expect([...paged.Versions!, ...rest.Versions!].map((v) => v.VersionId)).toEqual(ids);
    await expect(iam.send(new GetPolicyVersionCommand({ PolicyArn: READ_ONLY, VersionId: 'v2' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `Policy ${READ_ONLY} version v2 does not exist or is not attachable.`,
    });
  });

  it('ReadOnlyAccess and service-role/AWSLambdaBasicExecutionRole attach; usage counts only this account', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'auditor' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'auditor', PolicyArn: READ_ONLY }));
    await iam.send(new CreateRoleCommand({ RoleName: 'fn', AssumeRolePolicyDocument: LAMBDA_TRUST }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'fn', PolicyArn: LAMBDA_BASIC }));
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'fn' }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: 'AWSLambdaBasicExecutionRole', PolicyArn: LAMBDA_BASIC }]);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: READ_ONLY }))).Policy!.AttachmentCount).toBe(1);
    const inUse = await allPolicies(iam, { Scope: 'AWS', OnlyAttached: true });
    expect(inUse.map((p) => p.Arn).sort()).toEqual([READ_ONLY, LAMBDA_BASIC].sort());
    const other = await rootClient();
    expect((await other.iam.send(new GetPolicyCommand({ PolicyArn: READ_ONLY }))).Policy!.AttachmentCount).toBe(0);
    expect(await allPolicies(other.iam, { Scope: 'AWS', OnlyAttached: true })).toEqual([]);
  });

  it('/authorize evaluates an attached catalogue policy by its default version', async () => {
    const root = await rootClient();
    await root.iam.send(new CreateUserCommand({ UserName: 'viewer' }));
    await root.iam.send(new AttachUserPolicyCommand({ UserName: 'viewer', PolicyArn: READ_ONLY }));
    const { AccessKey } = await root.iam.send(new CreateAccessKeyCommand({ UserName: 'viewer' }));
    const viewer = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    const ask = async (action: string) => {
      const signedRequest = await forwardedRequest(viewer, 'GET', 'https://api.example.com/');
      return authorizeCall({ signedRequest, action, resource: '*' }, { signWith: root.creds });
    };
    const read = await ask('ec2:DescribeInstances');
    expect(read.json).toMatchObject({ decision: 'Allow', matchedStatements: [{ policyId: READ_ONLY, effect: 'Allow' }] });
    expect((await ask('ec2:TerminateInstances')).json).toMatchObject({ decision: 'Deny', reason: 'ImplicitDeny' });
  });

  it('THREAT: an account changing an AWS-managed policy for everyone: every write is AccessDenied', async () => {
    const { iam } = await rootClient();
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const writes = [
      new CreatePolicyVersionCommand({ PolicyArn: READ_ONLY, PolicyDocument: document, SetAsDefault: true }),
      new SetDefaultPolicyVersionCommand({ PolicyArn: READ_ONLY, VersionId: 'v1' }),
      new DeletePolicyVersionCommand({ PolicyArn: READ_ONLY, VersionId: 'v1' }),
      new DeletePolicyCommand({ PolicyArn: LAMBDA_BASIC }),
    ];
    for (const w of writes) await expect(iam.send(w as never)).rejects.toMatchObject({ name: 'AccessDenied' });
    const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: READ_ONLY }));
    expect(Policy!.DefaultVersionId).toBe('v188');
    const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: READ_ONLY }));
    expect(versions.Versions!.map((v) => v.VersionId)).toEqual(['v188', 'v1']);
  });

  it('a newer catalogue adds versions, moves the default and deprecates what AWS dropped: kept while attached', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateRoleCommand({ RoleName: 'fn', AssumeRolePolicyDocument: LAMBDA_TRUST }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'fn', PolicyArn: LAMBDA_BASIC }));
    const base: Catalogue = structuredClone(SAMPLE);
    base[RETIRED_NAME] = { ...structuredClone(SAMPLE.ViewOnlyAccess!), arn: RETIRED };
    await load(base);
    const newer: Catalogue = structuredClone(base);
    const ro = newer.ReadOnlyAccess!;
    ro.versions.v189 = { createdDate: '2030-01-02T03:04:05.000Z', document: { Version: '2012-10-17', Statement: [] } };
    ro.latestVersionId = 'v189';
    ro.lastUpdatedDate = '2030-01-02T03:04:05.000Z';
    delete newer.AWSLambdaBasicExecutionRole; // attached in this account (and by the test above)
    delete newer[RETIRED_NAME]; // attached nowhere
    await load(newer);
    expect(sameCatalogueState(await dbState(), catalogueState(newer))).toBe(true);

    const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: READ_ONLY }));
    expect(Policy).toMatchObject({ DefaultVersionId: 'v189', UpdateDate: new Date('2030-01-02T03:04:05.000Z') });
    const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: READ_ONLY }));
    expect(versions.Versions!.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v189', true],
      ['v188', false],
      ['v1', false],
    ]);
    await expect(iam.send(new GetPolicyCommand({ PolicyArn: RETIRED }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    // Deprecated: still attached and readable here, listed only where it is used, not attachable anew.
    const deprecated = await iam.send(new GetPolicyCommand({ PolicyArn: LAMBDA_BASIC }));
    expect(deprecated.Policy).toMatchObject({ IsAttachable: false, AttachmentCount: 1 });
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'fn' }))).AttachedPolicies).toHaveLength(1);
    expect((await allPolicies(iam, { Scope: 'AWS' })).map((p) => p.Arn)).toContain(LAMBDA_BASIC);
    const other = await rootClient();
    expect((await allPolicies(other.iam, { Scope: 'AWS' })).map((p) => p.Arn)).not.toContain(LAMBDA_BASIC);
    await other.iam.send(new CreateRoleCommand({ RoleName: 'fn', AssumeRolePolicyDocument: LAMBDA_TRUST }));
    await expect(other.iam.send(new AttachRolePolicyCommand({ RoleName: 'fn', PolicyArn: LAMBDA_BASIC }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `Policy ${LAMBDA_BASIC} does not exist or is not attachable.`,
    });

    // AWS lists it again: attachable again, with nothing lost.
    await load(SAMPLE);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: LAMBDA_BASIC }))).Policy).toMatchObject({ IsAttachable: true });
    await other.iam.send(new AttachRolePolicyCommand({ RoleName: 'fn', PolicyArn: LAMBDA_BASIC }));
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: READ_ONLY }))).Policy!.DefaultVersionId).toBe('v188');
  });
});

// Our responses as botocore reads them. boto3 and the AWS CLI look up `<{Op}Result>` for every operation
// whose output has a resultWrapper and raise KeyError when it is missing, even for an empty result
// (UpdateRole broke every Python caller that way); for an operation with no output AWS sends no Result.
// The model comes from packages/core/src/aws/botocore-operations.ts (generated from botocore's
// service-2.json by scripts/gen-botocore-operations.ts). Also: every operation botocore defines answers
// something other than InvalidAction, except the named list of those not implemented yet.
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  GetRoleCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { BOTOCORE_OPERATIONS, type BotocoreOperation } from '@edge-iam/core/aws';
import { registry } from '../../workers/identity/src/actions/registry';
import { ALLOW_ALL, parameters, parameterValues, trustAccount } from './action-params';
import { rootClient, signedQuery, type Credentials } from './clients';

const VERSION = { iam: '2010-05-08', sts: '2011-06-15' } as const;
type Api = keyof typeof VERSION;

/**
 * Operations botocore defines that still answer InvalidAction (none since the federation issue added the
 * OIDC and SAML providers and AssumeRoleWithWebIdentity/SAML). When one is implemented, the last test
 * below fails until it is removed from this list (shrink it, never grow it).
 */
const NOT_YET_IMPLEMENTED: Readonly<Record<Api, readonly string[]>> = {
  iam: [],
  sts: [],
};

interface Answer {
  api: Api;
  action: string;
  status: number;
  code: string | undefined;
  xml: string;
}

async function call(creds: Credentials, api: Api, action: string, params: Record<string, string> = {}): Promise<Answer> {
  const body = new URLSearchParams({ Action: action, Version: VERSION[api], ...params }).toString();
  const res = await signedQuery(creds, body, api);
  const xml = await res.text();
  return { api, action, status: res.status, code: /<Code>([^<]+)<\/Code>/.exec(xml)?.[1], xml };
}

/** What is wrong with a successful answer's Result element for botocore, or undefined when it is right. */
function resultProblem(a: Answer, op: BotocoreOperation | undefined): string | undefined {
  if (a.status !== 200 || op === undefined) return undefined;
  const has = new RegExp(`<${a.action}Result(/>|>)`).test(a.xml);
  if (op.result === 'wrapped' && !has) return `${a.api}:${a.action} has no <${a.action}Result>: ${a.xml}`;
  if (op.result === 'none' && has) return `${a.api}:${a.action} has a <${a.action}Result> botocore does not expect: ${a.xml}`;
  return undefined;
}

const operations = (['iam', 'sts'] as const).flatMap((api) =>
  Object.entries(BOTOCORE_OPERATIONS[api]).map(([action, op]) => ({ api, action, op })),
);

describe("botocore's list of operations", () => {
  it('has every IAM and STS operation, and every registered action is one of them', () => {
    expect(Object.keys(BOTOCORE_OPERATIONS.iam).length).toBeGreaterThan(170);
    expect(BOTOCORE_OPERATIONS.iam['UpdateRole']).toEqual({ result: 'wrapped', required: ['RoleName'] });
    expect(BOTOCORE_OPERATIONS.iam['DeleteUser']).toEqual({ result: 'none', required: ['UserName'] });
    for (const api of ['iam', 'sts'] as const) {
      const unknown = [...registry[api].keys()].filter((name) => !BOTOCORE_OPERATIONS[api][name]);
      expect(unknown, `${api} actions botocore does not define`).toEqual([]);
    }
  });

  it("names the not-yet-implemented operations after botocore's own spelling", () => {
    for (const api of ['iam', 'sts'] as const) {
      const stray = NOT_YET_IMPLEMENTED[api].filter((name) => !BOTOCORE_OPERATIONS[api][name]);
      expect(stray, `${api} names in NOT_YET_IMPLEMENTED that botocore does not define`).toEqual([]);
    }
  });
});

describe('successful answers carry the Result element botocore reads', () => {
  it('UpdateRole answers <UpdateRoleResult/>, and the change is saved', async () => {
    const { account, creds, iam } = await rootClient();
    await iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: trustAccount(account.accountId) }));
    const a = await call(creds, 'iam', 'UpdateRole', { RoleName: 'app', Description: 'changed', MaxSessionDuration: '7200' });
    expect(a.status, a.xml).toBe(200);
    expect(a.xml).toContain('<UpdateRoleResult/>');
    expect((await iam.send(new GetRoleCommand({ RoleName: 'app' }))).Role).toMatchObject({
      Description: 'changed',
      MaxSessionDuration: 7200,
    });
  });

  it('every registered action that succeeds with its parameters has the element when botocore expects one, and only then', async () => {
    const { account, creds, iam } = await rootClient();
    const acct = account.accountId;
    await iam.send(new CreateUserCommand({ UserName: 'target', Tags: [{ Key: 'team', Value: 'ops' }] }));
    await iam.send(new CreateGroupCommand({ GroupName: 'target' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'target', AssumeRolePolicyDocument: trustAccount(acct) }));
    await iam.send(new CreatePolicyCommand({ PolicyName: 'target', PolicyDocument: ALLOW_ALL }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'target' }));
    await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'target' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'target', PolicyName: 'target', PolicyDocument: ALLOW_ALL }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'target', PolicyArn: `arn:aws:iam::${acct}:policy/target` }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'target' }))).AccessKey!;
    const values = parameterValues(acct, 'target', key.AccessKeyId!);

    // Reads and changes first, removals last, so that as many actions as possible find what they name.
    const removal = /^(Delete|Remove|Detach|Deactivate|Untag)/;
    const actions = (['iam', 'sts'] as const)
      .flatMap((api) => [...registry[api].entries()].map(([action, def]) => ({ api, action, def })))
      .sort((a, b) => Number(removal.test(a.action)) - Number(removal.test(b.action)));
    const answers: Answer[] = [];
    for (const { api, action, def } of actions) {
      const params: Record<string, string> = {};
      const required = parameters(def.params).filter((p) => p.required);
      if (required.some((p) => !values[p.name])) continue; // every-action.test.ts insists the table knows them
      for (const p of required) Object.assign(params, values[p.name]);
      answers.push(await call(creds, api, action, params));
    }
    const problems = answers.map((a) => resultProblem(a, BOTOCORE_OPERATIONS[a.api][a.action])).filter(Boolean);
    expect(problems).toEqual([]);
    const succeeded = new Set(answers.filter((a) => a.status === 200).map((a) => a.action));
    expect(succeeded.size).toBeGreaterThan(answers.length / 2);
    // A representative set, with and without a resultWrapper, empty and not, so the check above is not vacuous.
    for (const name of ['UpdateRole', 'GetUser', 'ListUsers', 'UpdateUser', 'TagUser', 'GetAccountSummary', 'CreateLoginProfile']) {
      expect(succeeded.has(name), `${name} should have succeeded`).toBe(true);
    }
    for (const name of ['DeleteUserPolicy', 'DetachUserPolicy', 'DeleteVirtualMFADevice', 'GetCallerIdentity', 'GetSessionToken']) {
      expect(succeeded.has(name), `${name} should have succeeded`).toBe(true);
    }
  });
});

describe('every operation botocore defines is implemented', () => {
  it('sent with no parameters, each answers anything but InvalidAction, except the named ones; no 500s', async () => {
    const { creds } = await rootClient();
    const answers: Answer[] = [];
    for (const { api, action } of operations) answers.push(await call(creds, api, action));
    const missing = answers.filter((a) => a.code === 'InvalidAction' && !NOT_YET_IMPLEMENTED[a.api].includes(a.action));
    expect(
      missing.map((a) => `${a.api}:${a.action}`),
      'answer InvalidAction',
    ).toEqual([]);
    expect(answers.filter((a) => a.status >= 500).map((a) => `${a.api}:${a.action} ${a.xml}`)).toEqual([]);
    const problems = answers.map((a) => resultProblem(a, BOTOCORE_OPERATIONS[a.api][a.action])).filter(Boolean);
    expect(problems).toEqual([]);
  });

  it('the not-yet-implemented list holds only operations that really still answer InvalidAction (shrink it)', async () => {
    const { creds } = await rootClient();
    const implemented: string[] = [];
    for (const api of ['iam', 'sts'] as const) {
      for (const action of NOT_YET_IMPLEMENTED[api]) {
        if ((await call(creds, api, action)).code !== 'InvalidAction') implemented.push(`${api}:${action}`);
      }
    }
    expect(implemented, 'implemented now: remove them from NOT_YET_IMPLEMENTED').toEqual([]);
  });
});

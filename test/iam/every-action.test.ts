// Threat: an action that forgets to authorize. Every action registered in the identity worker is
// called by an IAM user with no policies at all; each must answer AccessDenied and change nothing,
// whether the entity it names exists or not (a missing one must not reveal itself as NoSuchEntity).
// A new action is covered the moment it is registered: its required parameters are filled from the
// table below by name, and a parameter the table does not know fails the test until it is added.
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateOpenIDConnectProviderCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { register, registry } from '../../workers/identity/src/actions/registry';
import { ALLOW_ALL, parameters, parameterValues, trustAccount } from './action-params';
import { rootClient, signedQuery, type Credentials } from './clients';
import { createTestIdp } from '../federation/saml-fixtures';

/**
 * Actions that need no permission, as in AWS: anyone may ask who they are, and any IAM user may get
 * a session token for their own credentials (what the token then allows is decided per call).
 */
const EXEMPT: Record<string, string> = {
  'sts:GetCallerIdentity': 'AWS: no permission is required to ask who you are',
  'sts:GetSessionToken': 'AWS: any IAM user may get temporary credentials for themselves',
  // Unsigned in AWS: no caller and no identity policy; the identity provider's token or assertion and
  // the role's trust policy decide (test/federation/federation-threats.test.ts refuses every forgery).
  'sts:AssumeRoleWithWebIdentity': "AWS: needs no credentials; the web identity token and the role's trust policy decide",
  'sts:AssumeRoleWithSAML': "AWS: needs no credentials; the SAML assertion and the role's trust policy decide",
};

const VERSION = { iam: '2010-05-08', sts: '2011-06-15' } as const;
const every = (['iam', 'sts'] as const).flatMap((api) => [...registry[api].entries()].map(([name, def]) => ({ api, name, def })));

async function callAll(creds: Credentials, account: string, targetName: string, accessKeyId: string) {
  const values = parameterValues(account, targetName, accessKeyId);
  const results: { action: string; status: number; code: string | undefined }[] = [];
  for (const { api, name, def } of every) {
    if (EXEMPT[`${api}:${name}`]) continue;
    const params: Record<string, string> = { Action: name, Version: VERSION[api] };
    for (const p of parameters(def.params)
      .filter((q) => q.required)
      .map((q) => q.name)) {
      const v = values[p];
      if (!v) throw new Error(`${api}:${name} requires ${p}: add a value for it to parameterValues`);
      Object.assign(params, v);
    }
    const res = await signedQuery(creds, new URLSearchParams(params).toString(), api);
    const xml = await res.text();
    results.push({ action: `${api}:${name}`, status: res.status, code: /<Code>([^<]+)<\/Code>/.exec(xml)?.[1] });
  }
  return results;
}

async function setup() {
  const { account, iam } = await rootClient();
  const acct = account.accountId;
  // Everything the actions name exists, so a missing authorization cannot hide behind NoSuchEntity.
  await iam.send(new CreateUserCommand({ UserName: 'victim', Tags: [{ Key: 'team', Value: 'ops' }] }));
  await iam.send(new CreateGroupCommand({ GroupName: 'victim' }));
  await iam.send(new CreateRoleCommand({ RoleName: 'victim', AssumeRolePolicyDocument: trustAccount(acct) }));
  await iam.send(new CreatePolicyCommand({ PolicyName: 'victim', PolicyDocument: ALLOW_ALL }));
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'victim' }));
  await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'victim' }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'victim', PolicyName: 'victim', PolicyDocument: ALLOW_ALL }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'victim', PolicyArn: `arn:aws:iam::${acct}:policy/victim` }));
  await iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://victim.example.com', ClientIDList: ['victim'] }));
  await iam.send(new CreateSAMLProviderCommand({ Name: 'fed-victim', SAMLMetadataDocument: (await createTestIdp()).metadata() }));
  const victimKey = (await iam.send(new CreateAccessKeyCommand({ UserName: 'victim' }))).AccessKey!;
  await iam.send(new CreateUserCommand({ UserName: 'nobody' }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' }))).AccessKey!;
  return { acct, creds: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }, victimKeyId: victimKey.AccessKeyId! };
}

describe('every registered action authorizes', () => {
  it('covers every action of both APIs', () => {
    expect(every.length).toBeGreaterThan(100);
    for (const name of Object.keys(EXEMPT)) {
      const [api, action] = name.split(':') as ['iam' | 'sts', string];
      expect(registry[api].has(action), `${name} is exempt but not registered`).toBe(true);
    }
  });

  it('a user with no policies is denied every action on entities that exist', async () => {
    const { acct, creds, victimKeyId } = await setup();
    const results = await callAll(creds, acct, 'victim', victimKeyId);
    const allowed = results.filter((r) => r.code !== 'AccessDenied');
    expect(allowed, 'these actions did not answer AccessDenied').toEqual([]);
    expect(results.every((r) => r.status === 403)).toBe(true);
  });

  it('a user with no policies is denied every action on entities that do not exist (no enumeration)', async () => {
    const { acct, creds } = await setup();
    const results = await callAll(creds, acct, 'ghost', 'AKIAGHOSTGHOSTGHOST2');
    expect(results.filter((r) => r.code !== 'AccessDenied')).toEqual([]);
  });

  it('registering one action name twice is an error at start, not a silent override', () => {
    const def = registry.iam.get('GetUser')!;
    expect(() => register('iam', [{ GetUser: def }, { GetUser: def }])).toThrow('iam:GetUser is registered twice');
  });
});

describe('the README lists exactly the registered actions', () => {
  /** `Put/Get/Delete{User,Role}Policy` -> PutUserPolicy, PutRolePolicy, GetUserPolicy ... */
  function expand(entry: string): string[] {
    const slash = entry.split('/');
    const last = slash.pop()!;
    const verb = /^[A-Z][a-z]+/.exec(last)?.[0] ?? '';
    const rest = last.slice(verb.length);
    const named = [...slash, verb].map((v) => v + rest);
    return named.flatMap((n) => {
      const m = /\{([^}]+)\}/.exec(n);
      return m ? m[1]!.split(',').map((alt) => n.replace(m[0], alt.trim())) : [n];
    });
  }

  it('every implemented action is in the README table, and nothing else', () => {
    const readme = Object.values(import.meta.glob('/README.md', { query: '?raw', import: 'default', eager: true }))[0] as string;
    const table = readme.slice(readme.indexOf('Implemented actions:'), readme.indexOf('How a request is handled'));
    const listed = new Set(
      table
        .split('\n')
        .filter((l) => l.startsWith('| ') && !l.startsWith('| area') && !l.startsWith('|--'))
        .flatMap((l) =>
          l
            .split('|')[2]!
            .split(/,(?![^{]*\})/)
            .map((s) => s.trim())
            .filter(Boolean),
        )
        .flatMap(expand),
    );
    const registered = new Set(every.map((a) => a.name));
    expect([...registered].filter((n) => !listed.has(n)).sort(), 'registered but not in the README').toEqual([]);
    expect([...listed].filter((n) => !registered.has(n)).sort(), 'in the README but not registered').toEqual([]);
  });
});

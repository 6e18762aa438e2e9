// The console's role pages, walked as a browser would: the create-role wizard (the answers ride in a
// hidden draft from page to page) for an IAM user who then really assumes the role over STS, for
// another account with an external ID and MFA (checked against the trust policy written by hand), and
// for a custom trust policy the service finds an error in; the role page's trust, permissions, tags
// and settings edits; deletion with everything that stands in its way; service-linked roles; and the
// person who may not. Effects are checked through the AWS SDK; refused requests change nothing.
import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  CreateUserCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { iam, sts } from '../iam/clients';
import { account, consoleAsRoot, consoleAsUser, open, submit, type Browser } from './fixtures';

const READ_ONLY = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';
const POWER = 'arn:aws:iam::aws:policy/PowerUserAccess';
const CHANGE_PASSWORD = 'arn:aws:iam::aws:policy/IAMUserChangePassword';
const S3_READ = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
const trusting = (principal: Record<string, string>) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });

type Account = Awaited<ReturnType<typeof account>>;
const rootIam = (a: Account) => iam({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });
const attr = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const draftOf = (html: string) => attr(/name="wizard" value="([^"]*)"/.exec(html)![1]!);
/** Posts a wizard step's form as the page would: the draft it carried plus the fields a person filled in. */
const step = (b: Browser, name: string, from: { html: string }, fields: Record<string, string> = {}) =>
  submit(b, `/console/roles/new/${name}`, { wizard: draftOf(from.html), ...fields });

const roleNames = async (sdk: IAMClient) => ((await sdk.send(new ListRolesCommand({}))).Roles ?? []).map((r) => r.RoleName);
const trustOf = async (sdk: IAMClient, name: string) =>
  decodeURIComponent((await sdk.send(new GetRoleCommand({ RoleName: name }))).Role!.AssumeRolePolicyDocument!);
const attachedTo = async (sdk: IAMClient, name: string) =>
  ((await sdk.send(new ListAttachedRolePoliciesCommand({ RoleName: name }))).AttachedPolicies ?? []).map((p) => p.PolicyArn);
const inlineOf = async (sdk: IAMClient, name: string) =>
  (await sdk.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames ?? [];

async function setup() {
  const a = await account();
  const { browser } = await consoleAsRoot(a);
  return { a, browser, sdk: rootIam(a) };
}

describe('console: roles', () => {
  it('the wizard makes a role that IAM user tom may assume; the role page shows it, and tom really assumes it over STS', async () => {
    const { a, browser, sdk } = await setup();
    await sdk.send(new CreateUserCommand({ UserName: 'tom' }));
    const { AccessKey } = await sdk.send(new CreateAccessKeyCommand({ UserName: 'tom' }));
    const tomArn = `arn:aws:iam::${a.accountId}:user/tom`;

    const start = await open(browser, '/console/roles/new');
    expect(start.status).toBe(200);
    expect(start.html).toContain('class="steps-nav"');
    expect(start.text).toContain('Step 1: Select trusted entity');
    // Web identity and SAML 2.0 federation are offered (roles-federation.test.ts walks them).
    expect(start.html).toMatch(/id="trustType-web-identity"(?![^>]*disabled)/);
    expect(start.text).toContain('SAML 2.0 federation');

    const preview = await step(browser, 'trust', start, { trustType: 'user', userName: 'tom' });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.text).toContain('Check the trust policy');
    expect(preview.text).toContain('May assume: IAM user tom');
    expect(preview.text).toContain(`"AWS": "${tomArn}"`);

    const permissions = await step(browser, 'trust-preview', preview);
    expect(permissions.text).toContain('Add permissions');
    const searched = await step(browser, 'permissions', permissions, { op: 'filter', policy_search: 'IAMReadOnly' });
    expect(searched.html).toContain(`name="policy" value="${READ_ONLY}"`);
    expect(searched.html).not.toContain(`name="policy" value="${POWER}"`);

    const details = await step(browser, 'permissions', searched, { policy: READ_ONLY, policy_shown: READ_ONLY, boundary: '' });
    expect(details.status, details.text).toBe(200);
    expect(details.text).toContain('Name, describe and tag the role');

    const review = await step(browser, 'details', details, {
      roleName: 'tom-reader',
      description: 'Read IAM for a while',
      path: '',
      maxSession: '7200',
      tag_rows: '3',
      'tag-key-0': 'team',
      'tag-value-0': 'platform',
    });
    expect(review.status, review.text).toBe(200);
    expect(review.text).toContain('Review and create');
    for (const shown of ['tom-reader', 'Read IAM for a while', '2 hours', 'IAMReadOnlyAccess', 'May assume: IAM user tom', 'team platform'])
      expect(review.text).toContain(shown);

    const created = await step(browser, 'review', review);
    expect(created.status, created.text).toBe(303);
    expect(created.location).toMatch(/^\/console\/roles\/tom-reader\?notice=/);

    const detail = await open(browser, created.location!);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain('Role tom-reader was created with IAMReadOnlyAccess attached.');
    expect(detail.text).toContain(`arn:aws:iam::${a.accountId}:role/tom-reader`);
    expect(detail.text).toContain('May assume: IAM user tom');
    expect(detail.text).toContain(`"AWS": "${tomArn}"`);
    expect(detail.text).toContain('2 hours');
    expect(detail.text).toContain('Not used yet');
    expect(detail.text).toContain(`http://localhost/console/switch-role?account=${a.accountId}&roleName=tom-reader`);
    expect(detail.html).toContain('Copy switch role link');

    const role = (await sdk.send(new GetRoleCommand({ RoleName: 'tom-reader' }))).Role!;
    expect(role).toMatchObject({
      MaxSessionDuration: 7200,
      Description: 'Read IAM for a while',
      Tags: [{ Key: 'team', Value: 'platform' }],
    });
    expect(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)).Statement[0].Principal).toEqual({ AWS: tomArn });
    expect(await attachedTo(sdk, 'tom-reader')).toEqual([READ_ONLY]);

    // tom, with his own access key and no policy of his own, assumes the role and reads IAM as it.
    const tom = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    const out = await sts(tom).send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'console-made', DurationSeconds: 7200 }));
    const session = {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!,
    };
    expect((await iam(session).send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toEqual(['tom']);
    expect((await open(browser, '/console/roles/tom-reader')).text).not.toContain('Not used yet');

    const list = await open(browser, '/console/roles');
    expect(list.status).toBe(200);
    expect(list.html).toContain('href="/console/roles/tom-reader"');
    expect(list.text).toMatch(/tom-reader IAM user tom \d{4}-\d\d-\d\d/);
    expect((await open(browser, '/console/roles?search=READER')).html).toContain('href="/console/roles/tom-reader"');
    expect((await open(browser, '/console/roles?search=zzz')).text).toContain('No roles with names containing that text.');
  });

  it('another account with an external ID and MFA: exactly the trust policy written by hand; bad answers on each step are 400 and create nothing', async () => {
    const { browser, sdk } = await setup();
    const start = await open(browser, '/console/roles/new');
    const bad = async (name: string, from: { html: string }, fields: Record<string, string>, message: string, field: string) => {
      const res = await step(browser, name, from, fields);
      expect(res.status, `${name} ${JSON.stringify(fields)}`).toBe(400);
      expect(res.text).toContain(message);
      expect(res.html).toContain(`href="#${field}"`);
      return res;
    };
    await bad('trust', start, {}, 'Choose who may assume the role', 'trustType');
    await bad(
      'trust',
      start,
      { trustType: 'web-identity' },
      'Choose the identity provider whose tokens may assume the role',
      'oidcProvider',
    );
    await bad('trust', start, { trustType: 'account', accountId: '12345' }, 'An account ID is 12 digits', 'accountId');
    await bad(
      'trust',
      start,
      { trustType: 'account', accountId: '123456789012', requireExternalId: 'on' },
      'Enter the external ID',
      'externalId',
    );
    await bad(
      'trust',
      start,
      { trustType: 'account', accountId: '123456789012', requireExternalId: 'on', externalId: 'no spaces!' },
      'An external ID is 2 to 1,224 letters',
      'externalId',
    );
    await bad(
      'trust',
      start,
      { trustType: 'service', service: 'other', serviceOther: 'example.com' },
      'ending in .amazonaws.com',
      'serviceOther',
    );
    await bad('trust', start, { trustType: 'user', userName: 'nobody' }, 'The user with name nobody cannot be found.', 'userName');

    const preview = await step(browser, 'trust', start, {
      trustType: 'account',
      accountId: '1234-5678-9012',
      requireExternalId: 'on',
      externalId: 'Example-Corp-42',
      requireMfa: 'on',
    });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.text).toContain('May assume: Account 123456789012');
    expect(preview.text).toContain('Conditions: Requires external ID Example-Corp-42; Requires MFA');

    const permissions = await step(browser, 'trust-preview', preview);
    await bad('permissions', permissions, { policy: 'arn:aws:iam::aws:policy/NoSuchPolicy' }, 'NoSuchPolicy', 'policies');
    await bad('permissions', permissions, { boundary: 'PowerUserAccess' }, 'Choose a boundary policy from the list', 'boundary');
    const details = await step(browser, 'permissions', permissions, { boundary: POWER });
    expect(details.status, details.text).toBe(200);

    const named = { roleName: 'partner', path: '/partners/', maxSession: '3600', tag_rows: '3' };
    await bad('details', details, { ...named, roleName: 'part ner' }, 'The role name may contain only letters', 'roleName');
    await bad('details', details, { ...named, roleName: 'x'.repeat(65) }, 'The role name must be 64 characters or fewer', 'roleName');
    await bad('details', details, { ...named, path: 'partners' }, 'Enter a path that starts and ends with /', 'path');
    await bad('details', details, { ...named, path: '/aws-service-role/x/' }, 'reserved for service-linked roles', 'path');
    await bad('details', details, { ...named, maxSession: '1800' }, 'between 1 hour and 12 hours', 'maxSession');
    await bad(
      'details',
      details,
      { ...named, description: 'x'.repeat(1001) },
      'The description must be 1,000 characters or fewer',
      'description',
    );
    await bad('details', details, { ...named, 'tag-value-0': 'orphan' }, 'Enter a key for tag 1', 'tag-key-0');
    await bad('details', details, { ...named, 'tag-key-0': 'a', 'tag-key-1': 'A' }, 'Tag 2 repeats the key A', 'tag-key-1');
    await bad('details', details, { ...named, 'tag-key-0': 'cost#centre' }, 'Key of tag 1 may contain only', 'tag-key-0');
    expect(await roleNames(sdk)).toEqual([]);

    const review = await step(browser, 'details', details, named);
    expect(review.status, review.text).toBe(200);
    // "Change" goes back to a step, and a valid answer there comes back to the review.
    const change = await step(browser, 'review', review, { op: 'goto-details' });
    expect(change.text).toContain('Name, describe and tag the role');
    const again = await step(browser, 'details', change, { ...named, description: 'For Example Corp' });
    expect(again.text).toContain('Review and create');
    expect(again.text).toContain('For Example Corp');
    expect(again.text).toContain('PowerUserAccess');

    const created = await step(browser, 'review', again);
    expect(created.status, created.text).toBe(303);
    // What AWS's console writes for this choice, character for character.
    expect(await trustOf(sdk, 'partner')).toBe(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": "arn:aws:iam::123456789012:root"
      },
      "Action": "sts:AssumeRole",
      "Condition": {
        "StringEquals": {
          "sts:ExternalId": "Example-Corp-42"
        },
        "Bool": {
          "aws:MultiFactorAuthPresent": "true"
        }
      }
    }
  ]
}`);
    const role = (await sdk.send(new GetRoleCommand({ RoleName: 'partner' }))).Role!;
    expect(role).toMatchObject({
      Path: '/partners/',
      Description: 'For Example Corp',
      PermissionsBoundary: { PermissionsBoundaryArn: POWER },
    });

    // The same name again: the details step says it is taken before anything is tried.
    const taken = await step(browser, 'details', details, { ...named, roleName: 'PARTNER' });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('Role with name PARTNER already exists.');
    expect(await roleNames(sdk)).toEqual(['partner']);
  });

  it('a custom trust policy with an error shows the finding at its line and creates nothing; a generated one can be edited as JSON', async () => {
    const { browser, sdk } = await setup();
    const start = await open(browser, '/console/roles/new');
    const wrong = JSON.stringify(
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 's3:GetObject' }] },
      null,
      2,
    );
    const refused = await step(browser, 'trust', start, { trustType: 'custom', customPolicy: wrong });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.text).toContain('The policy has an error');
    expect(refused.html).toContain('class="findings"');
    expect(refused.text).toMatch(/Error at line \d+/);
    expect(refused.text).toContain('s3:GetObject');
    expect(refused.html).toContain('href="#customPolicy"');

    const broken = await step(browser, 'trust', start, { trustType: 'custom', customPolicy: '{"Version": ' });
    expect(broken.status).toBe(400);
    expect(broken.html).toContain('class="findings"');

    // A draft posted straight to "Create role" is judged again: still nothing is created.
    const forged = await submit(browser, '/console/roles/new/review', {
      wizard: JSON.stringify({ trustType: 'custom', customPolicy: wrong, roleName: 'forged', maxSession: '3600' }),
    });
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('The policy has an error');
    expect(await roleNames(sdk)).toEqual([]);

    // "Edit this trust policy as JSON" turns the generated policy into a custom one, kept as it was.
    const preview = await step(browser, 'trust', start, { trustType: 'service', service: 'lambda.amazonaws.com' });
    expect(preview.text).toContain('May assume: AWS service: lambda');
    const custom = await step(browser, 'trust-preview', preview, { op: 'customize' });
    expect(custom.html).toMatch(/id="trustType-custom"[^>]*checked/);
    expect(custom.text).toContain('"Service": "lambda.amazonaws.com"');

    const fixed = wrong.replace('s3:GetObject', 'sts:AssumeRole');
    const ok = await step(browser, 'trust', custom, { trustType: 'custom', customPolicy: fixed });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.text).toContain('May assume: AWS service: ec2');
    const review = await submit(browser, '/console/roles/new/details', {
      wizard: draftOf(ok.html),
      roleName: 'runner',
      maxSession: '43200',
      tag_rows: '0',
    });
    expect(review.text).toContain('12 hours');
    expect((await step(browser, 'review', review)).status).toBe(303);
    expect(JSON.parse(await trustOf(sdk, 'runner'))).toEqual(JSON.parse(fixed));
  });

  it('the role page edits trust (findings, AWS’s MalformedPolicyDocument beside the field), policies, inline policies, boundary, tags and settings', async () => {
    const { a, browser, sdk } = await setup();
    await sdk.send(
      new CreateRoleCommand({ RoleName: 'deployer', AssumeRolePolicyDocument: trusting({ Service: 'lambda.amazonaws.com' }) }),
    );
    const url = '/console/roles/deployer';
    const page = await open(browser, url);
    expect(page.status).toBe(200);
    expect(page.text).toContain('May assume: AWS service: lambda');
    expect(page.text).toContain('1 hour');

    // Trust policy.
    const editor = await open(browser, `${url}/trust`);
    expect(editor.status).toBe(200);
    expect(editor.text).toContain('"Service": "lambda.amazonaws.com"');
    const before = await trustOf(sdk, 'deployer');
    const typo = JSON.stringify(
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRol' }] },
      null,
      2,
    );
    const checked = await submit(browser, `${url}/trust`, { document: typo, op: 'check' });
    expect(checked.status).toBe(200);
    expect(checked.text).toMatch(/Error at line \d+/);
    const withErrors = await submit(browser, `${url}/trust`, { document: typo, op: 'save' });
    expect(withErrors.status).toBe(400);
    expect(withErrors.html).toContain('href="#document"');
    expect((await submit(browser, `${url}/trust`, { document: '', op: 'save' })).text).toContain('Enter the policy document');
    const ghost = trusting({ AWS: `arn:aws:iam::${a.accountId}:user/ghost` });
    const malformed = await submit(browser, `${url}/trust`, { document: ghost, op: 'save' });
    expect(malformed.status).toBe(400);
    expect(malformed.html).toMatch(
      /class="field-error" id="document-error">.*Invalid principal in policy: &quot;AWS&quot;:&quot;arn:aws:iam::\d+:user\/ghost&quot;/s,
    );
    expect(await trustOf(sdk, 'deployer')).toBe(before);
    const saved = await submit(browser, `${url}/trust`, { document: typo.replace('AssumeRol"', 'AssumeRole"'), op: 'save' });
    expect(saved.status, saved.text).toBe(303);
    expect(JSON.parse(await trustOf(sdk, 'deployer')).Statement[0].Principal).toEqual({ Service: 'ec2.amazonaws.com' });
    expect((await open(browser, saved.location!)).text).toContain('The trust policy of deployer was updated');

    // Managed policies.
    expect((await submit(browser, `${url}/policies/attach`, {})).status).toBe(400);
    const missing = await submit(browser, `${url}/policies/attach`, { policy_arn: 'arn:aws:iam::aws:policy/NoSuchPolicy' });
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Nothing was attached.');
    const attached = await submit(browser, `${url}/policies/attach`, { policy_arn: READ_ONLY });
    expect(attached.status).toBe(303);
    expect(await attachedTo(sdk, 'deployer')).toEqual([READ_ONLY]);
    expect((await open(browser, `${url}/policies/attach?filter=IAMReadOnly`)).html).not.toContain(`value="${READ_ONLY}"`);
    expect((await open(browser, url)).text).toContain('Detach policy IAMReadOnlyAccess');
    expect((await submit(browser, `${url}/policies/detach`, { policy_arn: READ_ONLY })).status).toBe(303);
    expect(await attachedTo(sdk, 'deployer')).toEqual([]);

    // Inline policies.
    const badName = await submit(browser, `${url}/inline`, { policy_name: 'bad name!', document: S3_READ, op: 'save' });
    expect(badName.status).toBe(400);
    expect(badName.text).toContain('The policy name may contain only letters');
    const badDoc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] });
    const refused = await submit(browser, `${url}/inline`, { policy_name: 'read', document: badDoc, op: 'save' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('class="findings"');
    expect(await inlineOf(sdk, 'deployer')).toEqual([]);
    const put = await submit(browser, `${url}/inline`, { policy_name: 'read', document: S3_READ, op: 'save' });
    expect(put.status, put.text).toBe(303);
    expect(await inlineOf(sdk, 'deployer')).toEqual(['read']);
    const edit = await open(browser, `${url}/inline?policy=read`);
    expect(edit.text).toContain('Edit inline policy read');
    expect(edit.text).toContain('"Action": "s3:GetObject"');
    expect((await submit(browser, `${url}/inline/delete`, { policy_name: 'read' })).status).toBe(303);
    expect(await inlineOf(sdk, 'deployer')).toEqual([]);

    // Permissions boundary.
    expect((await submit(browser, `${url}/boundary`, {})).status).toBe(400);
    const unknown = await submit(browser, `${url}/boundary`, { boundary_arn: 'arn:aws:iam::aws:policy/NoSuchPolicy' });
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('href="#boundary_arn"');
    expect((await submit(browser, `${url}/boundary`, { boundary_arn: POWER })).status).toBe(303);
    expect((await sdk.send(new GetRoleCommand({ RoleName: 'deployer' }))).Role!.PermissionsBoundary?.PermissionsBoundaryArn).toBe(POWER);
    expect((await open(browser, url)).text).toContain(`may do only what both its policies and ${POWER} allow`);
    expect((await submit(browser, `${url}/boundary/delete`, {})).status).toBe(303);
    expect((await sdk.send(new GetRoleCommand({ RoleName: 'deployer' }))).Role!.PermissionsBoundary).toBeUndefined();

    // Tags.
    const tagsNow = async () => (await sdk.send(new GetRoleCommand({ RoleName: 'deployer' }))).Role!.Tags ?? [];
    for (const [fields, message] of [
      [{ tag_key: '', tag_value: 'x' }, 'Enter a tag key'],
      [{ tag_key: 'cost#centre', tag_value: 'x' }, 'The key may contain only'],
      [{ tag_key: 'k', tag_value: 'v'.repeat(257) }, 'The value must be 256 characters or fewer'],
    ] as const) {
      const res = await submit(browser, `${url}/tags`, fields);
      expect(res.status).toBe(400);
      expect(res.text).toContain(message);
    }
    expect(await tagsNow()).toEqual([]);
    expect((await submit(browser, `${url}/tags`, { tag_key: 'cost centre', tag_value: 'eu-west/42' })).status).toBe(303);
    expect(await tagsNow()).toEqual([{ Key: 'cost centre', Value: 'eu-west/42' }]);
    expect((await submit(browser, `${url}/tags/remove`, { tag_key: 'cost centre' })).status).toBe(303);
    expect(await tagsNow()).toEqual([]);

    // Description and maximum session duration.
    expect((await open(browser, `${url}/edit`)).html).toMatch(/<option value="3600" selected/);
    const short = await submit(browser, `${url}/edit`, { description: 'x', maxSession: '60' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('between 1 hour and 12 hours');
    const updated = await submit(browser, `${url}/edit`, { description: 'Deploys functions', maxSession: '10800' });
    expect(updated.status).toBe(303);
    expect((await sdk.send(new GetRoleCommand({ RoleName: 'deployer' }))).Role).toMatchObject({
      Description: 'Deploys functions',
      MaxSessionDuration: 10800,
    });
    expect((await open(browser, url)).text).toContain('3 hours');

    // A role that does not exist is a 404 page, for reading and for every change.
    const nobody = await open(browser, '/console/roles/nobody');
    expect(nobody.status).toBe(404);
    expect(nobody.text).toContain('The role with name nobody cannot be found.');
    for (const [path, fields] of [
      ['/tags', { tag_key: 'k', tag_value: 'v' }],
      ['/trust', { document: S3_READ }],
      ['/edit', { description: '', maxSession: '3600' }],
      ['/delete', { confirm_name: 'nobody' }],
    ] as const) {
      expect((await submit(browser, `/console/roles/nobody${path}`, fields)).status, path).toBe(404);
    }
  });

  it('deletes a role with its dependents in AWS’s order; a wrong name deletes nothing, a half-done deletion says what was done', async () => {
    const { a, browser, sdk } = await setup();
    const withDependents = async (name: string) => {
      await sdk.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trusting({ Service: 'ec2.amazonaws.com' }) }));
      await sdk.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: READ_ONLY }));
      await sdk.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'read', PolicyDocument: S3_READ }));
      await sdk.send(new CreateInstanceProfileCommand({ InstanceProfileName: `${name}-profile` }));
      await sdk.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: `${name}-profile`, RoleName: name }));
    };
    await withDependents('web');
    const confirm = await open(browser, '/console/roles/web/delete');
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('1 attached managed policy');
    expect(confirm.text).toContain('1 inline policy');
    expect(confirm.text).toContain('1 instance profile');
    const wrong = await submit(browser, '/console/roles/web/delete', { confirm_name: 'wbe' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('That is not the role name: type web exactly');
    expect(await attachedTo(sdk, 'web')).toEqual([READ_ONLY]);

    const deleted = await submit(browser, '/console/roles/web/delete', { confirm_name: 'web' });
    expect(deleted.status, deleted.text).toBe(303);
    expect(deleted.location).toMatch(/^\/console\/roles\?notice=/);
    expect((await open(browser, deleted.location!)).text).toContain('Role web was deleted.');
    expect(await roleNames(sdk)).toEqual([]);
    expect((await sdk.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web-profile' }))).InstanceProfile!.Roles).toEqual([]);

    // Half-done: this person may detach but not delete inline policies.
    await withDependents('batch');
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:GetRole', 'iam:List*', 'iam:DeleteRole', 'iam:DetachRolePolicy'], Resource: '*' }],
    });
    const { browser: partial } = await consoleAsUser(a.accountId, 'janitor', { policies: { Cleanup: policy } });
    const half = await submit(partial, '/console/roles/batch/delete', { confirm_name: 'batch' });
    expect(half.status).toBe(403);
    expect(half.text).toContain('is not authorized to perform: iam:DeleteRolePolicy');
    expect(half.text).toContain('Before that, the console detached IAMReadOnlyAccess.');
    // The page now shows what is left.
    expect(half.text).toContain('0 attached managed policies');
    expect(await attachedTo(sdk, 'batch')).toEqual([]);
    expect(await inlineOf(sdk, 'batch')).toEqual(['read']);
    expect(await roleNames(sdk)).toEqual(['batch']);
  });

  it('a service-linked role is shown, but only its description, tags and DeleteServiceLinkedRole are offered', async () => {
    const { browser, sdk } = await setup();
    const { Role } = await sdk.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticbeanstalk.amazonaws.com' }));
    const url = `/console/roles/${Role!.RoleName}`;
    const page = await open(browser, url);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Service-linked role');
    expect(page.text).toContain('May assume: AWS service: elasticbeanstalk');
    for (const offer of ['Edit trust policy', 'Attach policies', 'Create inline policy', 'Set boundary', 'Switch role link'])
      expect(page.text, offer).not.toContain(offer);
    const trust = await open(browser, `${url}/trust`);
    expect(trust.status).toBe(400);
    expect(trust.text).toContain('is a service-linked role: only its service can change its trust policy');
    expect((await submit(browser, `${url}/inline`, { policy_name: 'p', document: S3_READ })).status).toBe(400);
    expect(await inlineOf(sdk, Role!.RoleName!)).toEqual([]);
    expect((await submit(browser, `${url}/edit`, { description: 'Beanstalk' })).status).toBe(303);
    expect((await sdk.send(new GetRoleCommand({ RoleName: Role!.RoleName! }))).Role!.Description).toBe('Beanstalk');
    const deleted = await submit(browser, `${url}/delete`, { confirm_name: Role!.RoleName! });
    expect(deleted.status, deleted.text).toBe(303);
    expect(new URL(deleted.location!, 'http://x').searchParams.get('notice')).toMatch(
      /^Deletion of service-linked role AWSServiceRoleForElasticBeanstalk was requested \(task task\/aws-service-role\/.+: succeeded\)\.$/,
    );
    expect(await roleNames(sdk)).toEqual([]);
  });

  it('privilege: a person without IAM permissions gets AWS’s AccessDenied (403) everywhere; a reader sees roles but changes nothing', async () => {
    const a = await account();
    const sdk = rootIam(a);
    await sdk.send(new CreateRoleCommand({ RoleName: 'ops', AssumeRolePolicyDocument: trusting({ Service: 'ec2.amazonaws.com' }) }));
    await sdk.send(new PutRolePolicyCommand({ RoleName: 'ops', PolicyName: 'read', PolicyDocument: S3_READ }));

    const { browser: nobody } = await consoleAsUser(a.accountId, 'nobody');
    const list = await open(nobody, '/console/roles');
    expect(list.status).toBe(403);
    expect(list.text).toContain('is not authorized to perform: iam:ListRoles');
    expect((await open(nobody, '/console/roles/ops')).status).toBe(403);
    const create = await submit(nobody, '/console/roles/new/review', {
      wizard: JSON.stringify({ trustType: 'service', service: 'ec2.amazonaws.com', roleName: 'sneaky', maxSession: '3600' }),
    });
    expect(create.status).toBe(403);
    expect(create.text).toContain('is not authorized to perform: iam:CreateRole');
    expect(await roleNames(sdk)).toEqual(['ops']);

    // Allowed to create roles but to attach only IAMReadOnlyAccess: the role exists, and the page says
    // which policy was attached, which was refused and which was not tried.
    const builder = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['iam:CreateRole', 'iam:GetRole', 'iam:List*', 'iam:GetPolicy'], Resource: '*' },
        { Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: '*', Condition: { ArnEquals: { 'iam:PolicyARN': READ_ONLY } } },
      ],
    });
    const { browser: builds } = await consoleAsUser(a.accountId, 'builder', { policies: { Builder: builder } });
    const partly = await submit(builds, '/console/roles/new/review', {
      wizard: JSON.stringify({
        trustType: 'service',
        service: 'ec2.amazonaws.com',
        roleName: 'built',
        maxSession: '3600',
        policies: [READ_ONLY, CHANGE_PASSWORD, POWER],
      }),
    });
    expect(partly.status).toBe(403);
    expect(partly.text).toContain('Role built was created, but not every policy was attached');
    expect(partly.text).toContain('Done: Attached IAMReadOnlyAccess');
    expect(partly.text).toMatch(/Not done: attach IAMUserChangePassword\. User: \S+ is not authorized to perform: iam:AttachRolePolicy/);
    expect(partly.text).toContain('Not done: attach PowerUserAccess (not tried after the refusal)');
    expect(partly.html).toContain('href="/console/roles/built#permissions"');
    expect(await attachedTo(sdk, 'built')).toEqual([READ_ONLY]);

    const reader = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:GetRole', 'iam:List*'], Resource: '*' }],
    });
    const { browser } = await consoleAsUser(a.accountId, 'reader', { policies: { Reader: reader } });
    const page = await open(browser, '/console/roles/ops');
    expect(page.status).toBe(200);
    // GetRolePolicy is not List*: the policy is listed, its document refused in AWS's words.
    expect(page.text).toContain('is not authorized to perform: iam:GetRolePolicy');
    const before = await trustOf(sdk, 'ops');
    for (const [path, fields, action] of [
      ['/trust', { document: trusting({ Service: 'lambda.amazonaws.com' }), op: 'save' }, 'UpdateAssumeRolePolicy'],
      ['/policies/attach', { policy_arn: READ_ONLY }, 'AttachRolePolicy'],
      ['/policies/detach', { policy_arn: READ_ONLY }, 'DetachRolePolicy'],
      ['/inline', { policy_name: 'p', document: S3_READ, op: 'save' }, 'PutRolePolicy'],
      ['/inline/delete', { policy_name: 'read' }, 'DeleteRolePolicy'],
      ['/boundary', { boundary_arn: POWER }, 'PutRolePermissionsBoundary'],
      ['/tags', { tag_key: 'k', tag_value: 'v' }, 'TagRole'],
      ['/tags/remove', { tag_key: 'k' }, 'UntagRole'],
      ['/edit', { description: 'x', maxSession: '3600' }, 'UpdateRole'],
      ['/delete', { confirm_name: 'ops' }, 'DeleteRole'],
    ] as const) {
      const res = await submit(browser, `/console/roles/ops${path}`, fields);
      expect(res.status, path).toBe(403);
      expect(res.text, path).toContain(`is not authorized to perform: iam:${action}`);
      expect(res.html, path).toContain('class="error-summary"');
    }
    const role = (await sdk.send(new GetRoleCommand({ RoleName: 'ops' }))).Role!;
    expect(decodeURIComponent(role.AssumeRolePolicyDocument!)).toBe(before);
    expect(role).toMatchObject({ MaxSessionDuration: 3600 });
    expect(role.Description).toBeUndefined();
    expect(role.Tags).toBeUndefined();
    expect(role.PermissionsBoundary).toBeUndefined();
    expect(await attachedTo(sdk, 'ops')).toEqual([]);
    expect(await inlineOf(sdk, 'ops')).toEqual(['read']);
    expect((await sdk.send(new GetRolePolicyCommand({ RoleName: 'ops', PolicyName: 'read' }))).PolicyName).toBe('read');
  });
});

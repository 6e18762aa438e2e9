// The console's user-group pages: create a group with policies from the searchable list, add and
// remove users, attach and detach managed policies, put and delete inline policies, and delete a
// group after typing its name (members, attachments and inline policies go first). Effects are
// checked through the AWS SDK; refused requests change nothing.
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  GetGroupCommand,
  ListAttachedGroupPoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  PutGroupPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { iam } from '../iam/clients';
import { account, consoleAsRoot, consoleAsUser, open, submit } from './fixtures';

const READ_ONLY = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';
const CHANGE_PASSWORD = 'arn:aws:iam::aws:policy/IAMUserChangePassword';
const DOC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

async function setup() {
  const { browser, account: a } = await consoleAsRoot();
  const sdk = iam({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });
  return { browser, a, sdk };
}

const groupNames = async (sdk: IAMClient) => ((await sdk.send(new ListGroupsCommand({}))).Groups ?? []).map((g) => g.GroupName);
const members = async (sdk: IAMClient, g: string) =>
  ((await sdk.send(new GetGroupCommand({ GroupName: g }))).Users ?? []).map((u) => u.UserName);
const attached = async (sdk: IAMClient, g: string) =>
  ((await sdk.send(new ListAttachedGroupPoliciesCommand({ GroupName: g }))).AttachedPolicies ?? []).map((p) => p.PolicyArn);
const inline = async (sdk: IAMClient, g: string) => (await sdk.send(new ListGroupPoliciesCommand({ GroupName: g }))).PolicyNames ?? [];

describe('console: user groups', () => {
  it('creates a group with a policy picked from the filtered list, and lists it with its counts', async () => {
    const { browser, sdk } = await setup();
    const form = await open(browser, '/console/groups/new?filter=readonly');
    expect(form.status).toBe(200);
    expect(form.text).toContain('IAMReadOnlyAccess');
    expect(form.text).not.toContain('AdministratorAccess');

    const res = await submit(browser, '/console/groups/new', { name: 'BisDev', path: '', policy: READ_ONLY });
    expect(res.status, res.text).toBe(303);
    expect(res.location).toMatch(/^\/console\/groups\/BisDev\?notice=/);
    expect(await groupNames(sdk)).toEqual(['BisDev']);
    expect(await attached(sdk, 'BisDev')).toEqual([READ_ONLY]);

    const detail = await open(browser, res.location!);
    expect(detail.text).toContain('User group BisDev was created.');
    expect(detail.text).toContain('IAMReadOnlyAccess');
    expect(detail.text).toMatch(/arn:aws:iam::\d{12}:group\/BisDev/);

    const list = await open(browser, '/console/groups');
    expect(list.status).toBe(200);
    expect(list.html).toContain('href="/console/groups/BisDev"');
    expect(list.text).toMatch(/BisDev 0 1 \d{4}-/);
    expect((await open(browser, '/console/groups?filter=nomatch')).text).toContain('No groups match the filter.');
  });

  it('an invalid or taken name creates nothing and attaches nothing', async () => {
    const { browser, sdk } = await setup();
    const bad = await submit(browser, '/console/groups/new', { name: 'Bis Dev!', policy: READ_ONLY });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('may contain only letters, digits');
    expect(bad.html).toContain('href="#name"');
    expect(await groupNames(sdk)).toEqual([]);

    const long = await submit(browser, '/console/groups/new', { name: 'x'.repeat(129) });
    expect(long.status).toBe(400);
    expect(long.text).toContain('128 characters or fewer');

    const empty = await submit(browser, '/console/groups/new', { name: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Enter a group name');

    await sdk.send(new CreateGroupCommand({ GroupName: 'BisDev' }));
    const taken = await submit(browser, '/console/groups/new', { name: 'bisdev', policy: READ_ONLY });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('Group with name bisdev already exists.');
    // The choice is kept for the next try.
    expect(taken.html).toMatch(/value="arn:aws:iam::aws:policy\/IAMReadOnlyAccess" checked/);
    expect(await groupNames(sdk)).toEqual(['BisDev']);
    expect(await attached(sdk, 'BisDev')).toEqual([]);
  });

  it('adds users from the filtered list and removes them', async () => {
    const { browser, sdk } = await setup();
    await sdk.send(new CreateGroupCommand({ GroupName: 'BisDev' }));
    for (const u of ['tom', 'jerry']) await sdk.send(new CreateUserCommand({ UserName: u }));

    const page = await open(browser, '/console/groups/BisDev/users/add?filter=to');
    expect(page.status).toBe(200);
    expect(page.html).toContain('value="tom"');
    expect(page.html).not.toContain('value="jerry"');

    const none = await submit(browser, '/console/groups/BisDev/users/add', {});
    expect(none.status).toBe(400);
    expect(none.text).toContain('Choose at least one user');

    const added = await submit(browser, '/console/groups/BisDev/users/add', { user: 'tom' });
    expect(added.status, added.text).toBe(303);
    expect(await members(sdk, 'BisDev')).toEqual(['tom']);
    const detail = await open(browser, added.location!);
    expect(detail.text).toContain('Added 1 user to BisDev.');
    expect(detail.text).toContain('Remove tom from the group');
    // Members already in the group are not offered again.
    expect((await open(browser, '/console/groups/BisDev/users/add')).html).not.toContain('value="tom"');

    const unknown = await submit(browser, '/console/groups/BisDev/users/add', { user: 'nobody' });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('nobody');

    const removed = await submit(browser, '/console/groups/BisDev/users/remove', { user: 'tom' });
    expect(removed.status).toBe(303);
    expect(await members(sdk, 'BisDev')).toEqual([]);
  });

  it('attaches policies from the searchable list and detaches them', async () => {
    const { browser, sdk } = await setup();
    await sdk.send(new CreateGroupCommand({ GroupName: 'BisDev' }));
    const none = await submit(browser, '/console/groups/BisDev/policies/attach', {});
    expect(none.status).toBe(400);
    expect(none.text).toContain('Choose at least one policy');

    const done = await submit(browser, '/console/groups/BisDev/policies/attach', { policy: CHANGE_PASSWORD });
    expect(done.status, done.text).toBe(303);
    expect(await attached(sdk, 'BisDev')).toEqual([CHANGE_PASSWORD]);
    // Attached policies are not offered again.
    expect((await open(browser, '/console/groups/BisDev/policies/attach')).html).not.toContain(`value="${CHANGE_PASSWORD}"`);

    const missing = await submit(browser, '/console/groups/BisDev/policies/attach', { policy: 'arn:aws:iam::aws:policy/NoSuchPolicy' });
    expect(missing.status).toBe(404);
    expect(await attached(sdk, 'BisDev')).toEqual([CHANGE_PASSWORD]);

    const detached = await submit(browser, '/console/groups/BisDev/policies/detach', { policy_arn: CHANGE_PASSWORD });
    expect(detached.status).toBe(303);
    expect(await attached(sdk, 'BisDev')).toEqual([]);
  });

  it('puts an inline policy (bad JSON gets the API text), shows it decoded and pretty, and deletes it', async () => {
    const { browser, sdk } = await setup();
    await sdk.send(new CreateGroupCommand({ GroupName: 'BisDev' }));

    const bad = await submit(browser, '/console/groups/BisDev/inline', { policy_name: 'S3Read', document: '{"Version": ' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('policy is not valid JSON');
    expect(bad.html).toContain('>{&quot;Version&quot;:</textarea>');
    expect(await inline(sdk, 'BisDev')).toEqual([]);

    const noName = await submit(browser, '/console/groups/BisDev/inline', { policy_name: '', document: DOC });
    expect(noName.status).toBe(400);
    expect(noName.text).toContain('Enter a policy name');

    const put = await submit(browser, '/console/groups/BisDev/inline', { policy_name: 'S3Read', document: DOC });
    expect(put.status, put.text).toBe(303);
    expect(await inline(sdk, 'BisDev')).toEqual(['S3Read']);
    const detail = await open(browser, '/console/groups/BisDev');
    expect(detail.html).toContain('<details class="group-policy"><summary>S3Read</summary>');
    expect(detail.text).toContain('"Effect": "Allow"');

    const edit = await open(browser, '/console/groups/BisDev/inline?policy=S3Read');
    expect(edit.text).toContain('Edit inline policy S3Read');
    expect(edit.text).toContain('"Action": "s3:GetObject"');

    const deleted = await submit(browser, '/console/groups/BisDev/inline/delete', { policy_name: 'S3Read' });
    expect(deleted.status).toBe(303);
    expect(await inline(sdk, 'BisDev')).toEqual([]);
  });

  it('deletes a group with members and policies only after its name is typed', async () => {
    const { browser, sdk } = await setup();
    await sdk.send(new CreateGroupCommand({ GroupName: 'BisDev' }));
    await sdk.send(new CreateUserCommand({ UserName: 'tom' }));
    await sdk.send(new AddUserToGroupCommand({ GroupName: 'BisDev', UserName: 'tom' }));
    await sdk.send(new AttachGroupPolicyCommand({ GroupName: 'BisDev', PolicyArn: READ_ONLY }));
    await sdk.send(new PutGroupPolicyCommand({ GroupName: 'BisDev', PolicyName: 'S3Read', PolicyDocument: DOC }));

    const confirm = await open(browser, '/console/groups/BisDev/delete');
    expect(confirm.text).toContain('remove 1 user from it, detach 1 managed policy, delete 1 inline policy');

    const wrong = await submit(browser, '/console/groups/BisDev/delete', { confirm: 'bisdev' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('The text you typed is not BisDev');
    expect(await members(sdk, 'BisDev')).toEqual(['tom']);

    const res = await submit(browser, '/console/groups/BisDev/delete', { confirm: 'BisDev' });
    expect(res.status, res.text).toBe(303);
    expect(res.location).toMatch(/^\/console\/groups\?notice=/);
    expect(await groupNames(sdk)).toEqual([]);
    expect((await open(browser, res.location!)).text).toContain('User group BisDev was deleted.');
  });
});

describe('console: user groups refuse what they must', () => {
  it('forged form: a stale CSRF token on every group form is refused and changes nothing', async () => {
    const { browser, sdk } = await setup();
    await sdk.send(new CreateGroupCommand({ GroupName: 'BisDev' }));
    await sdk.send(new CreateUserCommand({ UserName: 'tom' }));
    await sdk.send(new AddUserToGroupCommand({ GroupName: 'BisDev', UserName: 'tom' }));
    await sdk.send(new AttachGroupPolicyCommand({ GroupName: 'BisDev', PolicyArn: READ_ONLY }));
    await sdk.send(new PutGroupPolicyCommand({ GroupName: 'BisDev', PolicyName: 'S3Read', PolicyDocument: DOC }));
    const forms: [string, Record<string, string>][] = [
      ['/console/groups/new', { name: 'Other' }],
      ['/console/groups/BisDev/users/add', { user: 'tom' }],
      ['/console/groups/BisDev/users/remove', { user: 'tom' }],
      ['/console/groups/BisDev/policies/attach', { policy: CHANGE_PASSWORD }],
      ['/console/groups/BisDev/policies/detach', { policy_arn: READ_ONLY }],
      ['/console/groups/BisDev/inline', { policy_name: 'Other', document: DOC }],
      ['/console/groups/BisDev/inline/delete', { policy_name: 'S3Read' }],
      ['/console/groups/BisDev/delete', { confirm: 'BisDev' }],
    ];
    for (const [path, fields] of forms) {
      const res = await submit(browser, path, fields, { csrf: 'stale' });
      expect(res.status, path).toBe(403);
    }
    expect(await groupNames(sdk)).toEqual(['BisDev']);
    expect(await members(sdk, 'BisDev')).toEqual(['tom']);
    expect(await attached(sdk, 'BisDev')).toEqual([READ_ONLY]);
    expect(await inline(sdk, 'BisDev')).toEqual(['S3Read']);
  });

  it('a user without permissions sees the AccessDenied text and changes nothing', async () => {
    const { a, sdk } = await setup();
    await sdk.send(new CreateGroupCommand({ GroupName: 'BisDev' }));
    await sdk.send(new CreateUserCommand({ UserName: 'tom' }));
    const { browser } = await consoleAsUser(a.accountId, 'eve');

    const list = await open(browser, '/console/groups');
    expect(list.status).toBe(403);
    expect(list.text).toContain('is not authorized to perform: iam:ListGroups');

    const created = await submit(browser, '/console/groups/new', { name: 'Mine' });
    expect(created.status).toBe(403);
    expect(created.text).toContain('is not authorized to perform: iam:CreateGroup');

    const add = await submit(browser, '/console/groups/BisDev/users/add', { user: 'tom' });
    expect(add.status).toBe(403);
    expect(add.text).toContain('not authorized to perform');

    const del = await submit(browser, '/console/groups/BisDev/delete', { confirm: 'BisDev' });
    expect(del.status).toBe(403);
    expect(await groupNames(sdk)).toEqual(['BisDev']);
    expect(await members(sdk, 'BisDev')).toEqual([]);
  });

  it("another account's group: not found, and nothing in that account changes", async () => {
    const { browser } = await setup();
    const other = await account();
    const theirs = iam({ accessKeyId: other.accessKeyId, secretAccessKey: other.secretAccessKey });
    await theirs.send(new CreateGroupCommand({ GroupName: 'Secret' }));
    await theirs.send(new CreateUserCommand({ UserName: 'spy' }));

    const detail = await open(browser, '/console/groups/Secret');
    expect(detail.status).toBe(404);
    expect(detail.text).toContain('The group with name Secret cannot be found.');
    expect((await submit(browser, '/console/groups/Secret/users/add', { user: 'spy' })).status).toBe(404);
    expect((await submit(browser, '/console/groups/Secret/policies/attach', { policy: READ_ONLY })).status).toBe(404);
    expect((await submit(browser, '/console/groups/Secret/delete', { confirm: 'Secret' })).status).toBe(404);
    expect(await groupNames(theirs)).toEqual(['Secret']);
    expect(await members(theirs, 'Secret')).toEqual([]);
    expect(await attached(theirs, 'Secret')).toEqual([]);
  });
});

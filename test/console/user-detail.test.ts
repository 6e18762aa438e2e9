// The user detail page (/console/users/:name): every section shows what the API holds, every change
// made from it lands in IAM (checked independently with the AWS SDK), and a refused change shows the
// API's own words and changes nothing.
import {
  CreateServiceSpecificCredentialCommand,
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
  ListVirtualMFADevicesCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { iam } from '../iam/clients';
import { CSRF, mfa } from '../signin/fixtures';
import { exports } from 'cloudflare:workers';
import { account, Browser, consoleAsRoot, consoleAsUser, open, ORIGIN, submit } from './fixtures';

type Account = Awaited<ReturnType<typeof account>>;
const sdk = (a: Account) => iam({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });

const READONLY = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';
const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const POWER = 'arn:aws:iam::aws:policy/PowerUserAccess';
const CHANGE_PASSWORD = 'arn:aws:iam::aws:policy/IAMUserChangePassword';
const DOC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

async function setup(name = 'tom', extra: { Path?: string; Tags?: { Key: string; Value: string }[] } = {}) {
  const { browser, account: a } = await consoleAsRoot();
  const client = sdk(a);
  await client.send(new CreateUserCommand({ UserName: name, ...extra }));
  return { browser, a, client, name, url: `/console/users/${encodeURIComponent(name)}` };
}

const attachedArns = async (client: IAMClient, name: string) =>
  ((await client.send(new ListAttachedUserPoliciesCommand({ UserName: name }))).AttachedPolicies ?? []).map((p) => p.PolicyArn);
const inlineNames = async (client: IAMClient, name: string) =>
  (await client.send(new ListUserPoliciesCommand({ UserName: name }))).PolicyNames ?? [];
const groupNames = async (client: IAMClient, name: string) =>
  ((await client.send(new ListGroupsForUserCommand({ UserName: name }))).Groups ?? []).map((g) => g.GroupName);
const tagsOf = async (client: IAMClient, name: string) => (await client.send(new ListUserTagsCommand({ UserName: name }))).Tags ?? [];
const boundaryOf = async (client: IAMClient, name: string) =>
  (await client.send(new GetUserCommand({ UserName: name }))).User?.PermissionsBoundary?.PermissionsBoundaryArn;
const hasLoginProfile = async (client: IAMClient, name: string) =>
  client.send(new GetLoginProfileCommand({ UserName: name })).then(
    (r) => r.LoginProfile,
    () => null,
  );

/** Two ticked boxes of one name: the fixture's submit takes one value per field, so this posts as a browser would. */
async function postRepeated(b: Browser, path: string, pairs: [string, string][]) {
  await b.get('/console');
  const form = new URLSearchParams(pairs);
  form.set('csrf_token', b.jar.get(CSRF)!);
  const cookie = [...b.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return (exports as unknown as { default: Fetcher }).default.fetch(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: ORIGIN, 'cf-connecting-ip': b.ip },
    body: form.toString(),
    redirect: 'manual',
  });
}

describe('user detail page', () => {
  it('shows each section with what the SDK set', async () => {
    const { browser, a, client } = await setup('tom2', { Path: '/eng/', Tags: [{ Key: 'team', Value: 'payments' }] });
    const user = (await client.send(new GetUserCommand({ UserName: 'tom2' }))).User!;
    await client.send(new AttachUserPolicyCommand({ UserName: 'tom2', PolicyArn: READONLY }));
    await client.send(new PutUserPolicyCommand({ UserName: 'tom2', PolicyName: 'read-objects', PolicyDocument: DOC }));
    await client.send(new CreateGroupCommand({ GroupName: 'BisDev' }));
    await client.send(new AttachGroupPolicyCommand({ GroupName: 'BisDev', PolicyArn: S3_READ }));
    await client.send(new AddUserToGroupCommand({ GroupName: 'BisDev', UserName: 'tom2' }));
    await client.send(new PutUserPermissionsBoundaryCommand({ UserName: 'tom2', PermissionsBoundary: POWER }));
    await client.send(
      new CreateLoginProfileCommand({ UserName: 'tom2', Password: 'Correct-Horse-Battery-42', PasswordResetRequired: true }),
    );
    const key = (await client.send(new CreateAccessKeyCommand({ UserName: 'tom2' }))).AccessKey!;
    const device = await mfa(a.accountId, user.UserId!, 'tom2-phone');

    const page = await open(browser, '/console/users/tom2');
    expect(page.status).toBe(200);
    const t = page.text;
    // Summary
    expect(t).toContain(`arn:aws:iam::${a.accountId}:user/eng/tom2`);
    expect(t).toContain('/eng/');
    expect(t).toContain(user.UserId!);
    expect(t).toContain(`${ORIGIN}/signin/${a.accountId}`);
    // Permissions
    expect(t).toContain('IAMReadOnlyAccess');
    expect(t).toContain('read-objects');
    expect(page.html).toMatch(/<pre>\{\n {2}&quot;Version&quot;: &quot;2012-10-17&quot;/);
    expect(t).toMatch(/BisDev AmazonS3ReadOnlyAccess Managed/);
    expect(t).toContain(POWER);
    // Groups, tags
    expect(t).toContain('Remove from group BisDev');
    expect(t).toMatch(/team payments/);
    // Security credentials
    expect(t).toMatch(/Console password Enabled/);
    expect(t).toMatch(/Must change password at next sign-in Yes/);
    expect(t).toContain(device.serialNumber);
    expect(page.html).toContain(`/console/users/tom2/mfa/new`);
    expect(page.html).toContain('action="/console/users/tom2/mfa/remove"');
    expect(page.html).toContain(`name="serial_number" value="${device.serialNumber}"`);
    expect(t).toContain(key.AccessKeyId!);
    expect(t).toContain(`Deactivate access key ${key.AccessKeyId}`);
    for (const anchor of ['summary', 'permissions', 'groups', 'tags', 'security-credentials', 'delete']) {
      expect(page.html).toContain(`id="${anchor}"`);
      expect(page.html).toContain(`href="#${anchor}"`);
    }
    expect(page.html.match(/<h1[ >]/g)).toHaveLength(1);
    const ids = [...page.html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('attaches and detaches a managed policy', async () => {
    const { browser, client, name, url } = await setup();
    const picker = await open(browser, `${url}/permissions/attach?filter=s3read`);
    expect(picker.status).toBe(200);
    expect(picker.text).toContain('AmazonS3ReadOnlyAccess');
    expect(picker.text).not.toContain('IAMFullAccess');

    const none = await submit(browser, `${url}/permissions/attach`, {});
    expect(none.status).toBe(400);
    expect(none.text).toContain('Choose at least one policy to attach');
    expect(await attachedArns(client, name)).toEqual([]);

    const attached = await submit(browser, `${url}/permissions/attach`, { policy_arn: S3_READ });
    expect(attached.status).toBe(303);
    expect(attached.location).toMatch(/^\/console\/users\/tom\?notice=.+#permissions$/);
    expect(await attachedArns(client, name)).toEqual([S3_READ]);
    const back = await open(browser, attached.location!);
    expect(back.text).toContain(`Attached policy ${S3_READ} to tom.`);
    expect(back.text).toContain('Detach policy AmazonS3ReadOnlyAccess');

    const detached = await submit(browser, `${url}/permissions/detach`, { policy_arn: S3_READ });
    expect(detached.status).toBe(303);
    expect(await attachedArns(client, name)).toEqual([]);

    const again = await submit(browser, `${url}/permissions/detach`, { policy_arn: S3_READ });
    expect(again.status).toBe(404);
    expect(again.text).toContain('There is a problem');
  });

  it('puts, edits and deletes an inline policy; bad JSON shows MalformedPolicyDocument and stores nothing', async () => {
    const { browser, client, name, url } = await setup();
    const editor = await open(browser, `${url}/inline-policies/edit`);
    expect(editor.status).toBe(200);
    expect(editor.html).toContain('<label for="policy_document">');

    const bad = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",';
    const apiText = await client.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: bad })).then(
      () => 'accepted',
      (e: Error) => e.message,
    );
    expect(apiText).not.toBe('accepted');
    const refused = await submit(browser, `${url}/inline-policies/edit`, { policy_name: 'read', policy_document: bad });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(apiText);
    expect(refused.html).toContain('{&quot;Version&quot;'); // what was typed is kept
    expect(await inlineNames(client, name)).toEqual([]);

    const missing = await submit(browser, `${url}/inline-policies/edit`, { policy_name: 'bad name!', policy_document: '' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Enter the policy document');
    expect(missing.text).toContain('Use up to 128 letters');

    const put = await submit(browser, `${url}/inline-policies/edit`, { policy_name: 'read', policy_document: DOC });
    expect(put.status).toBe(303);
    expect(await inlineNames(client, name)).toEqual(['read']);

    const edit = await open(browser, `${url}/inline-policies/edit?policy=read`);
    expect(edit.status).toBe(200);
    expect(edit.html).toContain('&quot;Action&quot;: &quot;s3:GetObject&quot;');

    const del = await submit(browser, `${url}/inline-policies/delete`, { policy_name: 'read' });
    expect(del.status).toBe(303);
    expect(await inlineNames(client, name)).toEqual([]);
  });

  it('adds the user to groups and removes it', async () => {
    const { browser, client, name, url } = await setup();
    await client.send(new CreateGroupCommand({ GroupName: 'Admins' }));
    await client.send(new CreateGroupCommand({ GroupName: 'BisDev' }));
    const page = await open(browser, url);
    expect(page.text).toContain('Groups to add tom to');

    const none = await submit(browser, `${url}/groups/add`, {});
    expect(none.status).toBe(400);
    expect(none.text).toContain('Choose at least one group');

    const res = await postRepeated(browser, `${url}/groups/add`, [
      ['group', 'Admins'],
      ['group', 'BisDev'],
    ]);
    expect(res.status).toBe(303);
    expect(decodeURIComponent(res.headers.get('location')!)).toContain('Added tom to groups Admins, BisDev.');
    expect((await groupNames(client, name)).sort()).toEqual(['Admins', 'BisDev']);

    const removed = await submit(browser, `${url}/groups/remove`, { group: 'Admins' });
    expect(removed.status).toBe(303);
    expect(removed.location).toMatch(/#groups$/);
    expect(await groupNames(client, name)).toEqual(['BisDev']);
  });

  it('tags and untags', async () => {
    const { browser, client, name, url } = await setup();
    const missing = await submit(browser, `${url}/tags`, { tag_key: '', tag_value: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Enter a tag key');
    expect(await tagsOf(client, name)).toEqual([]);

    const tagged = await submit(browser, `${url}/tags`, { tag_key: 'cost center', tag_value: 'eu-west/42' });
    expect(tagged.status).toBe(303);
    expect(tagged.location).toMatch(/#tags$/);
    expect(await tagsOf(client, name)).toEqual([{ Key: 'cost center', Value: 'eu-west/42' }]);
    expect((await open(browser, tagged.location!)).text).toContain('cost center eu-west/42 Remove tag cost center');

    await submit(browser, `${url}/tags`, { tag_key: 'cost center', tag_value: 'replaced' });
    expect(await tagsOf(client, name)).toEqual([{ Key: 'cost center', Value: 'replaced' }]);

    const untagged = await submit(browser, `${url}/tags/remove`, { tag_key: 'cost center' });
    expect(untagged.status).toBe(303);
    expect(await tagsOf(client, name)).toEqual([]);
  });

  it('HTML in a tag value or a policy is escaped, never markup', async () => {
    const { browser, client, name, url } = await setup();
    const evil = '<script>alert(1)</script><b>x</b>';
    // IAM refuses < and > in tag values; its message quotes the value, and the page escapes it.
    const tagged = await submit(browser, `${url}/tags`, { tag_key: 'note', tag_value: evil });
    expect(tagged.status).toBe(400);
    expect(tagged.text).toContain('failed to satisfy constraint');
    expect(tagged.html).not.toContain('<script>alert(1)');
    expect(tagged.html).not.toContain('<b>x</b>');
    expect(tagged.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(await tagsOf(client, name)).toEqual([]);

    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:username': evil } } }],
    });
    await client.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'html', PolicyDocument: doc }));
    const page = await open(browser, url);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('<script>alert(1)');
    expect(page.html).not.toContain('<b>x</b>');
    expect(page.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('sets and removes the permissions boundary', async () => {
    const { browser, client, name, url } = await setup();
    const bad = await submit(browser, `${url}/permissions-boundary`, { boundary_arn: 'PowerUserAccess' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("Enter a managed policy's ARN");

    const unknown = `arn:aws:iam::aws:policy/NoSuchPolicy`;
    const refused = await submit(browser, `${url}/permissions-boundary`, { boundary_arn: unknown });
    expect(refused.status).toBe(404);
    expect(refused.text).toContain(`Scope ARN: ${unknown} does not exist or is not attachable.`);
    expect(await boundaryOf(client, name)).toBeUndefined();

    const set = await submit(browser, `${url}/permissions-boundary`, { boundary_arn: POWER });
    expect(set.status).toBe(303);
    expect(await boundaryOf(client, name)).toBe(POWER);
    expect((await open(browser, url)).text).toContain(`limited to what ${POWER} allows`);

    const removed = await submit(browser, `${url}/permissions-boundary/delete`, {});
    expect(removed.status).toBe(303);
    expect(await boundaryOf(client, name)).toBeUndefined();
  });

  it('enables console access with an autogenerated password shown once, then updates and disables it', async () => {
    const { browser, a, client, name, url } = await setup();
    const form = await open(browser, `${url}/console-password`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Console access is disabled');

    const enabled = await submit(browser, `${url}/console-password`, { password_type: 'autogenerated', require_reset: 'on' });
    expect(enabled.status).toBe(200);
    const password = enabled.html.match(/<code id="console-password">([^<]+)<\/code>/)?.[1];
    expect(password).toBeTruthy();
    const plain = password!
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
    expect(plain.length).toBeGreaterThanOrEqual(20);
    expect(enabled.text).toContain('This is the only time this password can be viewed');
    expect(enabled.html).toContain('download="tom_credentials.csv"');
    expect((await client.send(new GetLoginProfileCommand({ UserName: name }))).LoginProfile?.PasswordResetRequired).toBe(true);
    // As in the AWS console, a required reset comes with the policy that lets the user do it.
    expect(await attachedArns(client, name)).toEqual([CHANGE_PASSWORD]);
    // The password works, and the hosted sign-in asks for a new one first.
    const signin = await new Browser().post('/signin', {
      kind: 'user',
      account: a.accountId,
      username: name,
      password: plain,
      redirect_uri: `${ORIGIN}/console`,
    });
    expect(signin.status).toBe(303);
    expect(signin.headers.get('location')).toContain('/signin/-/password');
    // Shown once: the detail page never shows it again.
    const after = await open(browser, url);
    expect(after.html).not.toContain(password!);
    expect(after.text).toMatch(/Console password Enabled/);

    const weak = await submit(browser, `${url}/console-password`, { password_type: 'custom', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.text).toMatch(/password/i);
    expect(weak.html).not.toContain('value="short"');
    const empty = await submit(browser, `${url}/console-password`, { password_type: 'custom', password: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Enter the custom password');

    const custom = await submit(browser, `${url}/console-password`, { password_type: 'custom', password: 'Another-Horse-Staple-77' });
    expect(custom.status).toBe(303);
    expect(custom.location).toMatch(/#security-credentials$/);
    expect((await client.send(new GetLoginProfileCommand({ UserName: name }))).LoginProfile?.PasswordResetRequired).toBe(false);

    const disabled = await submit(browser, `${url}/console-password/disable`, {});
    expect(disabled.status).toBe(303);
    expect(await hasLoginProfile(client, name)).toBeNull();
    expect((await open(browser, url)).text).toMatch(/Console password Disabled/);
  });

  it('deletes a user with keys, service credentials, password, groups and policies after the name is typed; a wrong name deletes nothing', async () => {
    const { browser, a, client, name, url } = await setup();
    const user = (await client.send(new GetUserCommand({ UserName: name }))).User!;
    await client.send(new CreateGroupCommand({ GroupName: 'BisDev' }));
    await client.send(new AddUserToGroupCommand({ GroupName: 'BisDev', UserName: name }));
    await client.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: READONLY }));
    await client.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'inline', PolicyDocument: DOC }));
    await client.send(new CreateLoginProfileCommand({ UserName: name, Password: 'Correct-Horse-Battery-42' }));
    await client.send(new CreateAccessKeyCommand({ UserName: name }));
    await client.send(new CreateServiceSpecificCredentialCommand({ UserName: name, ServiceName: 'codecommit.amazonaws.com' }));
    await mfa(a.accountId, user.UserId!, 'tom-phone');

    const confirm = await open(browser, `${url}/delete`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('DeleteConflict');
    expect(confirm.text).toContain('1 access key');
    expect(confirm.text).toContain('1 group membership');

    const wrong = await submit(browser, `${url}/delete`, { confirm_name: 'tim' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('That is not the user name');
    expect((await client.send(new GetUserCommand({ UserName: name }))).User?.UserName).toBe(name);
    expect(await groupNames(client, name)).toEqual(['BisDev']);
    expect(await hasLoginProfile(client, name)).not.toBeNull();

    const done = await submit(browser, `${url}/delete`, { confirm_name: name });
    expect(done.status).toBe(303);
    expect(done.location).toMatch(/^\/console\/users\?notice=/);
    await expect(client.send(new GetUserCommand({ UserName: name }))).rejects.toThrow(/cannot be found/);
    expect((await open(browser, url)).status).toBe(404);
    // The virtual MFA device went with the user, as in the AWS console.
    expect((await client.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices ?? []).toEqual([]);
  });

  it('a delete refused part-way shows the API text and what was already removed; the user stays', async () => {
    const a = await account();
    const client = sdk(a);
    await client.send(new CreateUserCommand({ UserName: 'tom' }));
    await client.send(new CreateLoginProfileCommand({ UserName: 'tom', Password: 'Correct-Horse-Battery-42' }));
    await client.send(new CreateAccessKeyCommand({ UserName: 'tom' }));
    const deleter = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['iam:GetUser', 'iam:List*', 'iam:DeleteUser', 'iam:GetLoginProfile', 'iam:DeleteLoginProfile'],
          Resource: '*',
        },
      ],
    });
    const { browser } = await consoleAsUser(a.accountId, 'ops', { policies: { Deleter: deleter } });
    const res = await submit(browser, '/console/users/tom/delete', { confirm_name: 'tom' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('is not authorized to perform: iam:DeleteAccessKey');
    expect(res.text).toContain('Already removed before this was refused: the console password.');
    expect((await client.send(new GetUserCommand({ UserName: 'tom' }))).User?.UserName).toBe('tom');
    expect(await hasLoginProfile(client, 'tom')).toBeNull();
  });

  it('works for user names with + = , . @ - in the URL', async () => {
    const { browser, client, name, url } = await setup('a+b=c,d.e@f-g');
    const page = await open(browser, url);
    expect(page.status).toBe(200);
    expect(page.text).toContain('a+b=c,d.e@f-g');
    const tagged = await submit(browser, `${url}/tags`, { tag_key: 'k', tag_value: 'v' });
    expect(tagged.status).toBe(303);
    expect(tagged.location).toMatch(/^\/console\/users\/a%2Bb%3Dc%2Cd\.e%40f-g\?/);
    expect(await tagsOf(client, name)).toEqual([{ Key: 'k', Value: 'v' }]);
  });

  it('404s for a user that does not exist', async () => {
    const { browser } = await consoleAsRoot();
    const res = await open(browser, '/console/users/nobody');
    expect(res.status).toBe(404);
    expect(res.text).toContain('The user with name nobody cannot be found.');
  });
});

describe('user detail threats', () => {
  it('forged form: a stale CSRF token is refused with 403 and nothing changes', async () => {
    const { browser, client, name, url } = await setup();
    for (const [path, fields] of [
      ['/tags', { tag_key: 'k', tag_value: 'v' }],
      ['/permissions/attach', { policy_arn: S3_READ }],
      ['/groups/add', { group: 'x' }],
      ['/console-password', { password_type: 'autogenerated' }],
      ['/delete', { confirm_name: name }],
    ] as const) {
      const res = await submit(browser, `${url}${path}`, fields, { csrf: 'stale' });
      expect(res.status, path).toBe(403);
    }
    expect(await tagsOf(client, name)).toEqual([]);
    expect(await attachedArns(client, name)).toEqual([]);
    expect(await hasLoginProfile(client, name)).toBeNull();
    expect((await client.send(new GetUserCommand({ UserName: name }))).User?.UserName).toBe(name);
  });

  it("another account's user: the page says it does not exist and changes nothing there", async () => {
    const other = await account();
    const otherClient = sdk(other);
    await otherClient.send(new CreateUserCommand({ UserName: 'victim' }));
    const { browser } = await consoleAsRoot();
    const page = await open(browser, '/console/users/victim');
    expect(page.status).toBe(404);
    expect(page.text).toContain('The user with name victim cannot be found.');
    for (const [path, fields] of [
      ['/tags', { tag_key: 'k', tag_value: 'v' }],
      ['/permissions/attach', { policy_arn: S3_READ }],
      ['/permissions-boundary', { boundary_arn: POWER }],
      ['/inline-policies/edit', { policy_name: 'p', policy_document: DOC }],
      ['/console-password', { password_type: 'autogenerated' }],
      ['/delete', { confirm_name: 'victim' }],
    ] as const) {
      const res = await submit(browser, `/console/users/victim${path}`, fields);
      expect(res.status, path).toBe(404);
      expect(res.text, path).toContain('victim cannot be found');
    }
    expect(await tagsOf(otherClient, 'victim')).toEqual([]);
    expect(await attachedArns(otherClient, 'victim')).toEqual([]);
    expect(await inlineNames(otherClient, 'victim')).toEqual([]);
    expect(await boundaryOf(otherClient, 'victim')).toBeUndefined();
    expect(await hasLoginProfile(otherClient, 'victim')).toBeNull();
  });

  it('a read-only IAM user sees the page, and each change answers AccessDenied in the page and changes nothing', async () => {
    const a = await account();
    const client = sdk(a);
    await client.send(new CreateUserCommand({ UserName: 'tom' }));
    await client.send(new CreateGroupCommand({ GroupName: 'BisDev' }));
    await client.send(new PutUserPolicyCommand({ UserName: 'tom', PolicyName: 'inline', PolicyDocument: DOC }));
    const readOnly = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:GetUser', 'iam:List*'], Resource: '*' }],
    });
    const { browser } = await consoleAsUser(a.accountId, 'reader', { policies: { ReadOnly: readOnly } });
    const url = '/console/users/tom';
    const page = await open(browser, url);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`arn:aws:iam::${a.accountId}:user/tom`);
    // GetUserPolicy is not List*: the policy is listed, its document refused in AWS's words.
    expect(page.text).toContain('is not authorized to perform: iam:GetUserPolicy');

    const denied = (action: string) => `is not authorized to perform: iam:${action}`;
    for (const [path, fields, action] of [
      ['/tags', { tag_key: 'k', tag_value: 'v' }, 'TagUser'],
      ['/tags/remove', { tag_key: 'k' }, 'UntagUser'],
      ['/permissions/attach', { policy_arn: S3_READ }, 'AttachUserPolicy'],
      ['/permissions/detach', { policy_arn: S3_READ }, 'DetachUserPolicy'],
      ['/inline-policies/edit', { policy_name: 'p', policy_document: DOC }, 'PutUserPolicy'],
      ['/inline-policies/delete', { policy_name: 'inline' }, 'DeleteUserPolicy'],
      ['/groups/add', { group: 'BisDev' }, 'AddUserToGroup'],
      ['/permissions-boundary', { boundary_arn: POWER }, 'PutUserPermissionsBoundary'],
      ['/console-password', { password_type: 'autogenerated' }, 'GetLoginProfile'],
      ['/delete', { confirm_name: 'tom' }, 'DeleteUser'],
    ] as const) {
      const res = await submit(browser, `${url}${path}`, fields);
      expect(res.status, path).toBe(403);
      expect(res.text, path).toContain(denied(action));
      expect(res.html, path).toContain('class="error-summary"');
    }
    expect(await tagsOf(client, 'tom')).toEqual([]);
    expect(await attachedArns(client, 'tom')).toEqual([]);
    expect(await inlineNames(client, 'tom')).toEqual(['inline']);
    expect(await groupNames(client, 'tom')).toEqual([]);
    expect(await boundaryOf(client, 'tom')).toBeUndefined();
    expect(await hasLoginProfile(client, 'tom')).toBeNull();
    expect((await client.send(new GetUserCommand({ UserName: 'tom' }))).User?.UserName).toBe('tom');
  });
});

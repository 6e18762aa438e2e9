// The access-key flow, for a named user (/console/users/:name/access-keys) and for whoever is signed in
// (/console/security-credentials/access-keys): the secret is shown once with AWS's accessKeys.csv, the
// key works, deactivating stops it, deleting needs a confirmation, and refusals change nothing.
import { CreateUserCommand, ListAccessKeysCommand, type IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { iam, sts } from '../iam/clients';
import { account, consoleAsRoot, consoleAsUser, open, submit } from './fixtures';

type Account = Awaited<ReturnType<typeof account>>;
const sdk = (a: Account) => iam({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });

const unescape = (s: string) =>
  s
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The key id, secret and CSV a "key created" page carries. */
function created(html: string) {
  const id = html.match(/<code id="access-key-id">([^<]+)<\/code>/)?.[1];
  const secret = html.match(/<code id="secret-access-key">([^<]+)<\/code>/)?.[1];
  const csvHref = html.match(/href="(data:text\/csv[^"]+)"/)?.[1];
  const csv = csvHref ? decodeURIComponent(unescape(csvHref).replace(/^data:text\/csv;charset=utf-8,/, '')) : undefined;
  return { id: id && unescape(id), secret: secret && unescape(secret), csv };
}

const keysOf = async (client: IAMClient, name?: string) =>
  ((await client.send(new ListAccessKeysCommand(name ? { UserName: name } : {}))).AccessKeyMetadata ?? []).map((k) => ({
    id: k.AccessKeyId,
    status: k.Status,
  }));

async function setup() {
  const { browser, account: a } = await consoleAsRoot();
  const client = sdk(a);
  await client.send(new CreateUserCommand({ UserName: 'tom' }));
  return { browser, a, client, base: '/console/users/tom/access-keys' };
}

describe('access keys of a named user', () => {
  it('creates a key: the secret is shown once, the CSV has AWS header and the key, and the key works', async () => {
    const { browser, a, client, base } = await setup();
    const start = await open(browser, `${base}/create`);
    expect(start.status).toBe(200);
    expect(start.html).toContain(`action="${base}/create"`);

    const res = await submit(browser, `${base}/create`, {});
    expect(res.status).toBe(200);
    const key = created(res.html);
    expect(key.id).toMatch(/^AKIA/);
    expect(key.secret).toBeTruthy();
    expect(res.text).toContain('This is the only time the secret access key can be viewed');
    expect(res.html).toContain('download="tom_accessKeys.csv"');
    expect(key.csv).toBe(`Access key ID,Secret access key\r\n${key.id},${key.secret}\r\n`);
    expect(res.html).toContain('href="/console/users/tom#security-credentials"');
    expect(await keysOf(client, 'tom')).toEqual([{ id: key.id, status: 'Active' }]);

    const me = await sts({ accessKeyId: key.id!, secretAccessKey: key.secret! }).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:iam::${a.accountId}:user/tom`);

    const detail = await open(browser, '/console/users/tom');
    expect(detail.text).toContain(key.id!);
    expect(detail.html).not.toContain(res.html.match(/<code id="secret-access-key">([^<]+)/)![1]);
  });

  it('deactivates, activates and (after confirming) deletes a key', async () => {
    const { browser, client, base } = await setup();
    const key = created((await submit(browser, `${base}/create`, {})).html);
    const caller = () => sts({ accessKeyId: key.id!, secretAccessKey: key.secret! }).send(new GetCallerIdentityCommand({}));

    const off = await submit(browser, `${base}/status`, { access_key_id: key.id!, status: 'Inactive' });
    expect(off.status).toBe(303);
    expect(off.location).toMatch(/^\/console\/users\/tom\?notice=.+#security-credentials$/);
    expect(await keysOf(client, 'tom')).toEqual([{ id: key.id, status: 'Inactive' }]);
    await expect(caller()).rejects.toThrow();
    expect((await open(browser, off.location!)).text).toContain(`Activate access key ${key.id}`);

    const bad = await submit(browser, `${base}/status`, { access_key_id: key.id!, status: 'Paused' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Active or Inactive');

    const on = await submit(browser, `${base}/status`, { access_key_id: key.id!, status: 'Active' });
    expect(on.status).toBe(303);
    expect(await keysOf(client, 'tom')).toEqual([{ id: key.id, status: 'Active' }]);

    const confirm = await open(browser, `${base}/delete?access_key_id=${key.id}`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Programs that use this key will stop working');

    const unconfirmed = await submit(browser, `${base}/delete`, { access_key_id: key.id! });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('Tick the box to confirm');
    expect(await keysOf(client, 'tom')).toHaveLength(1);

    const gone = await submit(browser, `${base}/delete`, { access_key_id: key.id!, confirm: 'on' });
    expect(gone.status).toBe(303);
    expect(await keysOf(client, 'tom')).toEqual([]);

    const again = await submit(browser, `${base}/delete`, { access_key_id: key.id!, confirm: 'on' });
    expect(again.status).toBe(404);
    expect(again.text).toContain(`The Access Key with id ${key.id} cannot be found.`);
  });

  it('a third key is refused with the LimitExceeded text', async () => {
    const { browser, client, base } = await setup();
    expect((await submit(browser, `${base}/create`, {})).status).toBe(200);
    expect((await submit(browser, `${base}/create`, {})).status).toBe(200);
    const third = await submit(browser, `${base}/create`, {});
    expect(third.status).toBe(409);
    expect(third.text).toContain('Cannot exceed quota for AccessKeysPerUser: 2');
    expect(await keysOf(client, 'tom')).toHaveLength(2);
  });
});

describe('my own access keys', () => {
  it('as root, the self mount creates a root access key', async () => {
    const { browser, account: a } = await consoleAsRoot();
    const client = sdk(a);
    const before = await keysOf(client);
    const res = await submit(browser, '/console/security-credentials/access-keys/create', {});
    expect(res.status).toBe(200);
    const key = created(res.html);
    expect(res.html).toContain('href="/console/security-credentials#access-keys"');
    expect(res.html).toContain('download="root_accessKeys.csv"');
    const after = await keysOf(client);
    expect(after).toHaveLength(before.length + 1);
    expect(after).toEqual(expect.arrayContaining([...before, { id: key.id, status: 'Active' }]));
    const me = await sts({ accessKeyId: key.id!, secretAccessKey: key.secret! }).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:iam::${a.accountId}:root`);

    const off = await submit(browser, '/console/security-credentials/access-keys/status', { access_key_id: key.id!, status: 'Inactive' });
    expect(off.status).toBe(303);
    expect(off.location).toMatch(/^\/console\/security-credentials\?notice=.+#access-keys$/);
    expect((await keysOf(client)).find((k) => k.id === key.id)?.status).toBe('Inactive');
  });

  it('an IAM user allowed to manage their own keys creates one for themselves', async () => {
    const a = await account();
    const self = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:*AccessKey*'], Resource: 'arn:aws:iam::*:user/${aws:username}' }],
    });
    const { browser } = await consoleAsUser(a.accountId, 'ann', { policies: { Self: self } });
    const res = await submit(browser, '/console/security-credentials/access-keys/create', {});
    expect(res.status).toBe(200);
    const key = created(res.html);
    expect(res.html).toContain('download="ann_accessKeys.csv"');
    expect(await keysOf(sdk(a), 'ann')).toEqual([{ id: key.id, status: 'Active' }]);
    // Someone else's keys stay out of reach.
    await sdk(a).send(new CreateUserCommand({ UserName: 'tom' }));
    const other = await submit(browser, '/console/users/tom/access-keys/create', {});
    expect(other.status).toBe(403);
    expect(other.text).toContain('is not authorized to perform: iam:CreateAccessKey');
    expect(await keysOf(sdk(a), 'tom')).toEqual([]);
  });
});

describe('access key threats', () => {
  it('forged form: a stale CSRF token is refused with 403 and nothing changes', async () => {
    const { browser, client, base } = await setup();
    const key = created((await submit(browser, `${base}/create`, {})).html);
    expect((await submit(browser, `${base}/create`, {}, { csrf: 'stale' })).status).toBe(403);
    expect((await submit(browser, `${base}/status`, { access_key_id: key.id!, status: 'Inactive' }, { csrf: 'stale' })).status).toBe(403);
    expect((await submit(browser, `${base}/delete`, { access_key_id: key.id!, confirm: 'on' }, { csrf: 'stale' })).status).toBe(403);
    expect(await keysOf(client, 'tom')).toEqual([{ id: key.id, status: 'Active' }]);
  });

  it("another account's user: not found, and no key is made or changed there", async () => {
    const other = await account();
    const otherClient = sdk(other);
    await otherClient.send(new CreateUserCommand({ UserName: 'victim' }));
    const { browser } = await consoleAsRoot();
    const res = await submit(browser, '/console/users/victim/access-keys/create', {});
    expect(res.status).toBe(404);
    expect(res.text).toContain('The user with name victim cannot be found.');
    expect(await keysOf(otherClient, 'victim')).toEqual([]);

    // Nor can another account's key be switched off by its id.
    const off = await submit(browser, '/console/security-credentials/access-keys/status', {
      access_key_id: other.accessKeyId,
      status: 'Inactive',
    });
    expect(off.status).toBe(404);
    expect((await keysOf(otherClient)).find((k) => k.id === other.accessKeyId)?.status).toBe('Active');
  });

  it('an IAM user allowed only iam:GetUser and iam:List* sees the keys but each change answers AccessDenied and changes nothing', async () => {
    const a = await account();
    const client = sdk(a);
    await client.send(new CreateUserCommand({ UserName: 'tom' }));
    const { browser: rootBrowser } = await consoleAsRoot(a);
    const key = created((await submit(rootBrowser, '/console/users/tom/access-keys/create', {})).html);
    const readOnly = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:GetUser', 'iam:List*'], Resource: '*' }],
    });
    const { browser } = await consoleAsUser(a.accountId, 'reader', { policies: { ReadOnly: readOnly } });
    const page = await open(browser, '/console/users/tom');
    expect(page.status).toBe(200);
    expect(page.text).toContain(key.id!);
    expect(page.text).toContain('Not available'); // GetAccessKeyLastUsed is not List*

    const base = '/console/users/tom/access-keys';
    for (const [path, fields, action] of [
      ['/create', {}, 'CreateAccessKey'],
      ['/status', { access_key_id: key.id!, status: 'Inactive' }, 'UpdateAccessKey'],
      ['/delete', { access_key_id: key.id!, confirm: 'on' }, 'DeleteAccessKey'],
    ] as const) {
      const res = await submit(browser, `${base}${path}`, fields);
      expect(res.status, path).toBe(403);
      expect(res.text, path).toContain(`is not authorized to perform: iam:${action}`);
    }
    expect(await keysOf(client, 'tom')).toEqual([{ id: key.id, status: 'Active' }]);
  });
});

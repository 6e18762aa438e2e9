// The console's policy pages: create a customer-managed policy in the JSON editor (the service's
// findings at their line and path block Next, nothing is created), review and create it; edit it into
// new default versions, set the default, delete versions, and meet the five-version limit; attach it to
// users, groups and roles from its page, detach, and delete an attached policy (detached and its
// versions deleted first); filter the list by type, attachment and name over an AWS catalogue sample;
// AWS-managed policies are read-only; a person without permission changes nothing; bad input per route.
// Effects are checked through the AWS SDK. Also the editor's placement of findings (placeFindings).
import {
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetPolicyCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  PutUserPermissionsBoundaryCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { placeFindings, type Finding } from '../../workers/console/src/ui/policy-editor';
import { AWS_MANAGED_POLICIES } from '../../packages/core/src/db/aws-managed-policies';
import { catalogueSql, type Catalogue } from '../../packages/core/src/repo/aws-managed-catalogue';
import { iam } from '../iam/clients';
import sample from '../iam/aws-managed-catalogue.sample.json';
import { account, Browser, consoleAsRoot, consoleAsUser, ORIGIN, open, readable, submit } from './fixtures';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const VIEW_ONLY = 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess';
const DOC = (action = 's3:GetObject') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] }, null, 2);
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

async function setup() {
  const { browser, account: a } = await consoleAsRoot();
  const sdk = iam({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });
  return { browser, a, sdk };
}

const q = (arn: string, extra: Record<string, string> = {}) => new URLSearchParams({ arn, ...extra }).toString();
const localNames = async (sdk: IAMClient) =>
  ((await sdk.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies ?? []).map((p) => p.PolicyName);
const versions = async (sdk: IAMClient, arn: string) =>
  ((await sdk.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions ?? []).map(
    (v) => `${v.VersionId}${v.IsDefaultVersion ? '*' : ''}`,
  );
async function entities(sdk: IAMClient, arn: string) {
  const r = await sdk.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
  return [...(r.PolicyUsers ?? []).map((u) => `user:${u.UserName}`), ...(r.PolicyGroups ?? []).map((g) => `group:${g.GroupName}`)].concat(
    (r.PolicyRoles ?? []).map((x) => `role:${x.RoleName}`),
  );
}
async function createPolicy(sdk: IAMClient, name: string, doc = DOC()) {
  const { Policy } = await sdk.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: doc }));
  return Policy!.Arn!;
}

/** A form post with repeated fields (checkbox lists), as the browser sends it. */
async function submitPairs(b: Browser, path: string, pairs: [string, string][]) {
  if (!b.jar.has('__Host-edge-iam-csrf')) await b.get('/signin');
  const body = new URLSearchParams([...pairs, ['csrf_token', b.jar.get('__Host-edge-iam-csrf')!]]);
  const cookie = [...b.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await (exports as unknown as { default: Fetcher }).default.fetch(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: ORIGIN, 'cf-connecting-ip': b.ip },
    body: body.toString(),
    redirect: 'manual',
  });
  const html = await res.text();
  return { status: res.status, text: readable(html), location: res.headers.get('location') };
}

describe('console: policies', () => {
  beforeAll(async () => {
    // A sample of the AWS catalogue (ten policies, one a job function with 45 versions), as db:aws-policies loads it.
    const { statements } = await catalogueSql(sample as unknown as Catalogue, new Map(AWS_MANAGED_POLICIES.map((p) => [p.name, p.id])));
    await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
  });

  it('creates a policy in JSON: a typo is shown at its line and path and creates nothing; fixed, reviewed, created', async () => {
    const { browser, a, sdk } = await setup();
    const form = await open(browser, '/console/policies/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Policy editor (JSON)');
    expect(form.html).toContain('formaction="/console/policies/visual"');
    expect(form.html).toContain('name="returnTo" value="/console/policies/new"');

    const typo = DOC().replace('"Action"', '"Acton"');
    const line = typo.split('\n').findIndex((l) => l.includes('Acton')) + 1;
    const bad = await submit(browser, '/console/policies/new', { intent: 'next', document: typo });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('The policy has 2 errors');
    expect(bad.text).toContain(`Error at line ${line} ( Statement[0].Acton ): unknown statement element Acton`);
    expect(bad.text).toContain('a statement needs Action or NotAction');
    expect(bad.html).toContain('href="#document"');
    expect(bad.text).toContain('"Acton": "s3:GetObject"'); // the document is kept as typed
    expect(await localNames(sdk)).toEqual([]);

    // Fixed: the review shows the summary; bad review fields are reported beside them, nothing created.
    const review = await submit(browser, '/console/policies/new', { intent: 'next', document: DOC() });
    expect(review.status, review.text).toBe(200);
    expect(review.text).toContain('Review and create');
    expect(review.text).toContain('Allowed by this policy');
    expect(review.text).toContain('S3');
    const fields = {
      document: DOC(),
      description: 'Reads objects',
      path: '/teams/',
      tag_rows: '2',
      'tag-key-0': 'team',
      'tag-value-0': 'data',
    };
    const badName = await submit(browser, '/console/policies/new', { ...fields, intent: 'save', name: 'read objects!' });
    expect(badName.status).toBe(400);
    expect(badName.text).toContain('may contain only letters, digits');
    expect(badName.text).toContain('Reads objects'); // kept
    const badPath = await submit(browser, '/console/policies/new', { ...fields, intent: 'save', name: 'ReadObjects', path: 'teams' });
    expect(badPath.status).toBe(400);
    expect(badPath.text).toContain('starts and ends with /');
    const badTag = await submit(browser, '/console/policies/new', {
      ...fields,
      intent: 'save',
      name: 'ReadObjects',
      'tag-key-0': 'bad{key}',
    });
    expect(badTag.status).toBe(400);
    expect(badTag.text).toContain("Tag 1's key may contain only");
    const longDescription = await submit(browser, '/console/policies/new', {
      ...fields,
      intent: 'save',
      name: 'ReadObjects',
      description: 'x'.repeat(1001),
    });
    expect(longDescription.status).toBe(400);
    expect(longDescription.text).toContain('1,000 characters or fewer');
    expect(await localNames(sdk)).toEqual([]);

    // "Back to the editor" keeps what was typed on the review step.
    const back = await submit(browser, '/console/policies/new', { ...fields, intent: 'back', name: 'ReadObjects' });
    expect(back.status).toBe(200);
    expect(back.html).toContain('name="name" value="ReadObjects"');

    const created = await submit(browser, '/console/policies/new', { ...fields, intent: 'save', name: 'ReadObjects' });
    expect(created.status, created.text).toBe(303);
    const arn = `arn:aws:iam::${a.accountId}:policy/teams/ReadObjects`;
    expect(created.location).toBe(
      `/console/policies/view?${q(arn)}&notice=${encodeURIComponent('Policy ReadObjects was created.').replace(/%20/g, '+')}`,
    );
    const { Policy } = await sdk.send(new GetPolicyCommand({ PolicyArn: arn }));
    expect(Policy).toMatchObject({ Description: 'Reads objects', Path: '/teams/', DefaultVersionId: 'v1' });
    expect((await sdk.send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags).toEqual([{ Key: 'team', Value: 'data' }]);

    const view = await open(browser, created.location!);
    expect(view.status).toBe(200);
    expect(view.text).toContain('Policy ReadObjects was created.');
    expect(view.text).toContain(arn);
    expect(view.text).toContain('Customer managed');
    expect(view.text).toContain('Reads objects');
    expect(view.text).toContain('"Action": "s3:GetObject"');
    expect(view.text).toContain('Allowed by this policy');
    expect(view.text).toMatch(/team data Remove tag team/);

    // The same name again: AWS's message beside the name, nothing created.
    const again = await submit(browser, '/console/policies/new', { ...fields, intent: 'save', name: 'readobjects', path: '' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('A policy called readobjects already exists');
    expect(await localNames(sdk)).toEqual(['ReadObjects']);

    // "Visual editor" posts the text there (mounted under this area), with the way back.
    const visual = await submit(browser, '/console/policies/visual', {
      intent: 'load',
      document: DOC(),
      returnTo: '/console/policies/new',
    });
    expect(visual.status, visual.text).toBe(200);
    expect(visual.html).toContain('/console/policies/new');

    // The visual editor hands JSON back with intent=load: the editor is prefilled, nothing is saved.
    const loaded = await submit(browser, '/console/policies/new', { intent: 'load', document: DOC('ec2:DescribeInstances') });
    expect(loaded.status).toBe(200);
    expect(loaded.text).toContain('"Action": "ec2:DescribeInstances"');
    expect(await localNames(sdk)).toEqual(['ReadObjects']);
  });

  it('edits into new default versions, sets the default, deletes versions, and asks which to delete at five', async () => {
    const { browser, sdk } = await setup();
    const arn = await createPolicy(sdk, 'Editable');
    const editor = await open(browser, `/console/policies/edit?${q(arn)}`);
    expect(editor.status).toBe(200);
    expect(editor.text).toContain('"Action": "s3:GetObject"');
    expect(editor.html).toContain(`name="returnTo" value="/console/policies/edit?${q(arn).replace(/&/g, '&amp;')}"`);

    const typo = await submit(browser, `/console/policies/edit?${q(arn)}`, {
      intent: 'next',
      document: DOC().replace('"Effect"', '"effect"'),
    });
    expect(typo.status).toBe(400);
    expect(typo.text).toMatch(/Error at line 5 \( Statement\[0\]\.effect \): unknown statement element effect ; did you mean Effect \?/);
    const review = await submit(browser, `/console/policies/edit?${q(arn)}`, { intent: 'next', document: DOC('s3:PutObject') });
    expect(review.status).toBe(200);
    expect(review.text).toContain('Review changes to Editable');
    expect(review.text).not.toContain('Version to delete');
    const saved = await submit(browser, `/console/policies/edit?${q(arn)}`, { intent: 'save', document: DOC('s3:PutObject') });
    expect(saved.status, saved.text).toBe(303);
    expect(await versions(sdk, arn)).toEqual(['v2*', 'v1']);
    const view = await open(browser, saved.location!);
    expect(view.text).toContain('Saved version v2 as the default version of Editable.');
    expect(view.text).toContain('"Action": "s3:PutObject"');

    // Set v1 as the default, then delete v2 after its confirm page; the default cannot be deleted.
    expect((await submit(browser, `/console/policies/versions/default?${q(arn)}`, { version: 'v1' })).status).toBe(303);
    expect(await versions(sdk, arn)).toEqual(['v2', 'v1*']);
    const confirm = await open(browser, `/console/policies/versions/delete?${q(arn, { version: 'v2' })}`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('s3:PutObject');
    expect((await submit(browser, `/console/policies/versions/delete?${q(arn)}`, { version: 'v2' })).status).toBe(303);
    expect(await versions(sdk, arn)).toEqual(['v1*']);
    const defaultDelete = await submit(browser, `/console/policies/versions/delete?${q(arn)}`, { version: 'v1' });
    expect(defaultDelete.status).toBe(409);
    expect(defaultDelete.text).toContain('Cannot delete the default version of a policy.');
    expect(await versions(sdk, arn)).toEqual(['v1*']);

    // One version's page; an unknown one is the 404 page.
    const v1 = await open(browser, `/console/policies/version?${q(arn, { version: 'v1' })}`);
    expect(v1.status).toBe(200);
    expect(v1.text).toContain('Version v1 of Editable');
    expect(v1.text).toContain('"Action": "s3:GetObject"');
    expect((await open(browser, `/console/policies/version?${q(arn, { version: 'v9' })}`)).status).toBe(404);

    // Five versions: saving asks which to delete (never the default) and changes nothing until one is chosen.
    for (const action of ['s3:ListBucket', 's3:DeleteObject', 'sqs:SendMessage', 'sns:Publish']) {
      await sdk.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: DOC(action) }));
    }
    expect(await versions(sdk, arn)).toEqual(['v6', 'v5', 'v4', 'v3', 'v1*']);
    const atLimit = await submit(browser, `/console/policies/edit?${q(arn)}`, { intent: 'next', document: DOC('dynamodb:GetItem') });
    expect(atLimit.status).toBe(200);
    expect(atLimit.text).toContain('This policy has 5 versions');
    expect(atLimit.text).toMatch(/Version to delete v6 .* v5 .* v4 .* v3 /);
    expect(atLimit.html).not.toContain('value="v1"');
    const unchosen = await submit(browser, `/console/policies/edit?${q(arn)}`, { intent: 'save', document: DOC('dynamodb:GetItem') });
    expect(unchosen.status).toBe(400);
    expect(unchosen.text).toContain('Choose a version to delete');
    const defaultChosen = await submit(browser, `/console/policies/edit?${q(arn)}`, {
      intent: 'save',
      document: DOC('dynamodb:GetItem'),
      delete_version: 'v1',
    });
    expect(defaultChosen.status).toBe(400);
    expect(await versions(sdk, arn)).toEqual(['v6', 'v5', 'v4', 'v3', 'v1*']);
    const made = await submit(browser, `/console/policies/edit?${q(arn)}`, {
      intent: 'save',
      document: DOC('dynamodb:GetItem'),
      delete_version: 'v3',
    });
    expect(made.status, made.text).toBe(303);
    expect(await versions(sdk, arn)).toEqual(['v7*', 'v6', 'v5', 'v4', 'v1']);
    expect((await open(browser, made.location!)).text).toContain(
      'Saved version v7 as the default version of Editable. Version v3 was deleted to make room.',
    );

    // A document the service refuses on save goes back to the editor with its findings; nothing changes.
    const refused = await submit(browser, `/console/policies/edit?${q(arn)}`, {
      intent: 'save',
      document: '{"Version":"2012-10-17"}',
      delete_version: 'v4',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Version v4 was deleted, but the new version was not saved');
    expect(await versions(sdk, arn)).toEqual(['v7*', 'v6', 'v5', 'v1']);
  });

  it('attaches to a user and a group from the policy page, detaches, and deletes an attached policy', async () => {
    const { browser, sdk } = await setup();
    await sdk.send(new CreateUserCommand({ UserName: 'alice' }));
    await sdk.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await sdk.send(new CreateRoleCommand({ RoleName: 'worker', AssumeRolePolicyDocument: TRUST }));
    const arn = await createPolicy(sdk, 'Shared');
    await sdk.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: DOC('s3:PutObject') }));

    const attach = await open(browser, `/console/policies/attach?${q(arn)}`);
    expect(attach.status).toBe(200);
    expect(attach.text).toMatch(/Users alice .*Groups devs .*Roles worker/);
    const none = await submitPairs(browser, `/console/policies/attach?${q(arn)}`, []);
    expect(none.status).toBe(400);
    expect(none.text).toContain('Choose at least one user, group or role');
    const bogus = await submitPairs(browser, `/console/policies/attach?${q(arn)}`, [['entity', 'account:alice']]);
    expect(bogus.status).toBe(400);
    expect(await entities(sdk, arn)).toEqual([]);

    const done = await submitPairs(browser, `/console/policies/attach?${q(arn)}`, [
      ['entity', 'user:alice'],
      ['entity', 'group:devs'],
      ['entity', 'role:worker'],
    ]);
    expect(done.status, done.text).toBe(303);
    expect(await entities(sdk, arn)).toEqual(['user:alice', 'group:devs', 'role:worker']);
    const view = await open(browser, done.location!);
    expect(view.text).toContain('Attached the policy to 3 entities: user alice, group devs, role worker.');
    expect(view.text).toMatch(/Entities attached \(3\) .*alice User Detach from user alice .*devs Group Detach from group devs/);
    expect(view.html).toContain('href="/console/users/alice"');
    expect((await open(browser, `/console/policies/attach?${q(arn)}`)).text).toContain('No users to attach to match the filter.');

    const detached = await submit(browser, `/console/policies/detach?${q(arn)}`, { kind: 'group', name: 'devs' });
    expect(detached.status).toBe(303);
    expect(await entities(sdk, arn)).toEqual(['user:alice', 'role:worker']);

    // A policy that is someone's permissions boundary is not deleted, and nothing is detached.
    const boundary = await createPolicy(sdk, 'Boundary');
    await sdk.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: boundary }));
    await sdk.send(new PutUserPermissionsBoundaryCommand({ UserName: 'alice', PermissionsBoundary: boundary }));
    const blocked = await submit(browser, `/console/policies/delete?${q(boundary)}`, { confirm: 'Boundary' });
    expect(blocked.status).toBe(409);
    expect(blocked.text).toContain('permissions boundary of user alice');
    expect(await entities(sdk, boundary)).toEqual(['user:alice']);
    expect((await open(browser, `/console/policies/view?${q(boundary)}`)).text).toMatch(/Used as permissions boundary \(1\) .* alice User/);

    // Delete: the confirm page says what will happen; a wrong name changes nothing; then all goes, in order.
    const confirm = await open(browser, `/console/policies/delete?${q(arn)}`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('detach it from 2 entities (user alice, role worker), and delete 1 version besides the default (v2)');
    const wrong = await submit(browser, `/console/policies/delete?${q(arn)}`, { confirm: 'shared' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('The text you typed is not Shared');
    expect(await entities(sdk, arn)).toEqual(['user:alice', 'role:worker']);
    const deleted = await submit(browser, `/console/policies/delete?${q(arn)}`, { confirm: 'Shared' });
    expect(deleted.status, deleted.text).toBe(303);
    expect(deleted.location).toMatch(/^\/console\/policies\?notice=/);
    await expect(sdk.send(new GetPolicyCommand({ PolicyArn: arn }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    expect(await localNames(sdk)).toEqual(['Boundary']);
    const gone = await open(browser, `/console/policies/view?${q(arn)}`);
    expect(gone.status).toBe(404);
    expect(gone.text).toContain(`Policy ${arn} was not found.`);
  });

  it('filters the list by type, attachment and name over the AWS catalogue, and pages', async () => {
    const { browser, sdk } = await setup();
    await sdk.send(new CreateUserCommand({ UserName: 'bob' }));
    await sdk.send(new AttachUserPolicyCommand({ UserName: 'bob', PolicyArn: VIEW_ONLY }));
    for (let i = 0; i < 26; i++) await createPolicy(sdk, `Team${String(i).padStart(2, '0')}`);

    const all = await open(browser, '/console/policies');
    expect(all.status).toBe(200);
    expect(all.text).toContain('AdministratorAccess AWS managed 0 Provides full access to AWS services and resources.');
    expect(all.html).toContain(`href="/console/policies/view?${q(ADMIN)}"`);

    const jobs = await open(browser, '/console/policies?type=job-function');
    expect(jobs.text).toContain('ViewOnlyAccess AWS managed – job function 1');
    expect(jobs.text).not.toContain('AdministratorAccess');
    const aws = await open(browser, '/console/policies?type=aws');
    expect(aws.text).toContain('ReadOnlyAccess');
    expect(aws.text).not.toContain('Team00');

    const attached = await open(browser, '/console/policies?attached=on');
    expect(attached.text).toContain('ViewOnlyAccess');
    expect(attached.text).not.toContain('AdministratorAccess');
    expect(attached.text).not.toContain('Team00');

    // Search is case-insensitive over every policy, AWS's too.
    const s3 = await open(browser, '/console/policies?search=S3');
    expect(s3.text).toContain('AmazonS3FullAccess');
    expect(s3.text).toContain('AmazonS3ReadOnlyAccess');
    expect(s3.text).not.toContain('IAMFullAccess');
    expect((await open(browser, '/console/policies?search=nothing-like-this')).text).toContain('No policies match the search.');

    // Customer managed: 25 a page, the API's Marker to the next; a search pages over its matches.
    const first = await open(browser, '/console/policies?type=customer');
    expect(first.text).toContain('Team24');
    expect(first.text).not.toContain('Team25');
    const next = /href="(\/console\/policies\?type=customer&amp;marker=[^"]+)">Next page/.exec(first.html)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeDefined();
    const second = await open(browser, next!);
    expect(second.text).toContain('Team25');
    expect(second.text).not.toContain('Team24');
    expect(second.text).toContain('First page');
    const searched = await open(browser, '/console/policies?search=team');
    expect(searched.html).toContain('href="/console/policies?search=team&amp;page=2">Next page');
    const page2 = await open(browser, '/console/policies?search=team&page=2');
    expect(page2.text).toContain('Team25');
    expect(page2.text).not.toContain('Team24');
  });

  it('keeps AWS-managed policies read-only apart from attach and detach', async () => {
    const { browser, sdk } = await setup();
    const view = await open(browser, `/console/policies/view?${q(VIEW_ONLY)}`);
    expect(view.status).toBe(200);
    expect(view.text).toContain('AWS managed – job function');
    expect(view.text).toContain('v45'); // every version AWS published
    expect(view.text).not.toContain('Set as default');
    expect(view.text).not.toContain('Delete policy');
    expect(view.html).not.toContain('/console/policies/edit?');
    expect(view.text).toContain('Copy to a new policy');

    const edit = await open(browser, `/console/policies/edit?${q(VIEW_ONLY)}`);
    expect(edit.status).toBe(403);
    expect(edit.text).toContain('AWS managed policies cannot be changed');
    expect((await submit(browser, `/console/policies/edit?${q(VIEW_ONLY)}`, { intent: 'save', document: DOC() })).status).toBe(403);
    const setDefault = await submit(browser, `/console/policies/versions/default?${q(VIEW_ONLY)}`, { version: 'v1' });
    expect(setDefault.status).toBe(403);
    expect(setDefault.text).toContain('because AWS managed policies cannot be modified');
    expect((await submit(browser, `/console/policies/delete?${q(VIEW_ONLY)}`, { confirm: 'ViewOnlyAccess' })).status).toBe(403);
    expect((await submit(browser, `/console/policies/tags?${q(VIEW_ONLY)}`, { tag_key: 'a', tag_value: 'b' })).status).toBe(403);
    expect((await sdk.send(new GetPolicyCommand({ PolicyArn: VIEW_ONLY }))).Policy?.DefaultVersionId).toBe('v45');

    // Attaching and detaching an AWS-managed policy is the account's to do.
    await sdk.send(new CreateUserCommand({ UserName: 'carol' }));
    expect((await submitPairs(browser, `/console/policies/attach?${q(ADMIN)}`, [['entity', 'user:carol']])).status).toBe(303);
    expect(await entities(sdk, ADMIN)).toEqual(['user:carol']);
    expect((await submit(browser, `/console/policies/detach?${q(ADMIN)}`, { kind: 'user', name: 'carol' })).status).toBe(303);
    expect(await entities(sdk, ADMIN)).toEqual([]);

    // "Copy to a new policy" opens the editor prefilled with AWS's document.
    const copy = await submit(browser, '/console/policies/new', { intent: 'load', document: DOC('*') });
    expect(copy.status).toBe(200);
    expect(copy.text).toContain('"Action": "*"');
  });

  it('a person without permission cannot read or change policies through the console: AccessDenied, nothing changed', async () => {
    const a = await account();
    const root = iam({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });
    const arn = await createPolicy(root, 'Guarded');
    const nobody = await consoleAsUser(a.accountId, 'eve');
    const list = await open(nobody.browser, '/console/policies');
    expect(list.status).toBe(403);
    expect(list.text).toContain('is not authorized to perform: iam:ListPolicies');
    expect((await open(nobody.browser, `/console/policies/view?${q(arn)}`)).status).toBe(403);

    const readOnly = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }],
    });
    const reader = await consoleAsUser(a.accountId, 'rita', { policies: { read: readOnly } });
    expect((await open(reader.browser, `/console/policies/view?${q(arn)}`)).status).toBe(200);
    const create = await submit(reader.browser, '/console/policies/new', { intent: 'save', document: DOC(), name: 'Mine', tag_rows: '0' });
    expect(create.status).toBe(403);
    expect(create.text).toContain('is not authorized to perform: iam:CreatePolicy');
    const edit = await submit(reader.browser, `/console/policies/edit?${q(arn)}`, { intent: 'save', document: DOC('s3:PutObject') });
    expect(edit.status).toBe(403);
    expect(edit.text).toContain('iam:CreatePolicyVersion');
    const del = await submit(reader.browser, `/console/policies/delete?${q(arn)}`, { confirm: 'Guarded' });
    expect(del.status).toBe(403);
    expect(del.text).toContain('iam:DeletePolicy');
    expect(del.text).toContain('Nothing was changed.');
    const tag = await submit(reader.browser, `/console/policies/tags?${q(arn)}`, { tag_key: 'a', tag_value: 'b' });
    expect(tag.status).toBe(403);
    expect(await localNames(root)).toEqual(['Guarded']);
    expect(await versions(root, arn)).toEqual(['v1*']);

    // Allowed to detach but not to delete versions: the deletion stops there and says what it did.
    await root.send(new CreateUserCommand({ UserName: 'gus' }));
    await root.send(new AttachUserPolicyCommand({ UserName: 'gus', PolicyArn: arn }));
    await root.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: DOC('s3:PutObject') }));
    const detacher = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'iam:DetachUserPolicy'], Resource: '*' }],
    });
    const dana = await consoleAsUser(a.accountId, 'dana', { policies: { detach: detacher } });
    const half = await submit(dana.browser, `/console/policies/delete?${q(arn)}`, { confirm: 'Guarded' });
    expect(half.status).toBe(403);
    expect(half.text).toContain('iam:DeletePolicyVersion');
    expect(half.text).toContain('Before that, the console detached it from user gus; the policy itself was not deleted.');
    expect(await entities(root, arn)).toEqual([]);
    expect(await versions(root, arn)).toEqual(['v2', 'v1*']);
    expect((await root.send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags).toEqual([]);
  });

  it('answers bad input per route with 400 and its message, unknown policies with 404, changing nothing', async () => {
    const { browser, a, sdk } = await setup();
    const arn = await createPolicy(sdk, 'Solid');
    const missing = `arn:aws:iam::${a.accountId}:policy/Nope`;
    for (const path of ['view', 'edit', 'attach', 'delete']) {
      const res = await open(browser, `/console/policies/${path}?${q(missing)}`);
      expect(res.status, path).toBe(404);
      expect(res.text).toContain(`Policy ${missing} was not found.`);
    }
    expect((await open(browser, '/console/policies/view')).status).toBe(400);
    const malformed = await open(browser, `/console/policies/view?${q('not-an-arn-at-all-really')}`);
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain('is not valid');

    const empty = await submit(browser, '/console/policies/new', { intent: 'next', document: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Enter the policy document');
    const huge = await submit(browser, `/console/policies/edit?${q(arn)}`, { intent: 'next', document: 'x'.repeat(131073) });
    expect(huge.status).toBe(400);
    expect(huge.text).toContain('131,072 characters or fewer');
    const broken = await submit(browser, '/console/policies/new', {
      intent: 'next',
      document: '{\n  "Version": "2012-10-17"\n  "Statement": []\n}',
    });
    expect(broken.status).toBe(400);
    expect(broken.text).toContain('Error at line 3');
    expect(broken.text).toContain('comma expected');

    const tag = await submit(browser, `/console/policies/tags?${q(arn)}`, { tag_key: '', tag_value: 'x' });
    expect(tag.status).toBe(400);
    expect(tag.text).toContain('Enter a tag key');
    const longValue = await submit(browser, `/console/policies/tags?${q(arn)}`, { tag_key: 'k', tag_value: 'v'.repeat(257) });
    expect(longValue.status).toBe(400);
    expect(longValue.text).toContain('256 characters or fewer');
    expect((await sdk.send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags).toEqual([]);
    expect((await submit(browser, `/console/policies/tags?${q(arn)}`, { tag_key: 'k', tag_value: 'v' })).status).toBe(303);
    expect((await sdk.send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags).toEqual([{ Key: 'k', Value: 'v' }]);
    expect((await submit(browser, `/console/policies/tags/remove?${q(arn)}`, { tag_key: 'k' })).status).toBe(303);
    expect((await sdk.send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags).toEqual([]);

    const badVersion = await submit(browser, `/console/policies/versions/default?${q(arn)}`, { version: 'version-1' });
    expect(badVersion.status).toBe(400);
    const detachNobody = await submit(browser, `/console/policies/detach?${q(arn)}`, { kind: 'user', name: 'ghost' });
    expect(detachNobody.status).toBe(404);
    expect(await localNames(sdk)).toEqual(['Solid']);
    expect(await versions(sdk, arn)).toEqual(['v1*']);
  });
});

describe('placeFindings', () => {
  const at = (text: string, findings: Omit<Finding, 'severity' | 'code'>[], code = 'x') =>
    placeFindings(
      text,
      findings.map((f) => ({ severity: 'error', code, ...f })),
    );

  it('finds a dotted condition key by the longest key the path starts with', () => {
    const doc = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: '*',
            Condition: { StringEquals: { 'aws:ResourceTag/team': 'a', 'aws:ResourceTag/team.name': 'b' }, StringEqual: { 'aws:x': 'c' } },
          },
        ],
      },
      null,
      2,
    );
    const lineOf = (s: string) => doc.split('\n').findIndex((l) => l.includes(s)) + 1;
    const [dotted, operator] = at(doc, [
      { path: 'Statement[0].Condition.StringEquals.aws:ResourceTag/team.name', message: 'm' },
      { path: 'Statement[0].Condition.StringEqual', message: 'unknown condition operator `StringEqual`' },
    ]);
    expect(dotted).toMatchObject({ line: lineOf('team.name'), excerpt: '"aws:ResourceTag/team.name": "b"' });
    expect(operator).toMatchObject({ line: lineOf('"StringEqual"'), excerpt: '"StringEqual": {' });
  });

  it('places findings in a statement written as an object, by either numbering', () => {
    const doc =
      '{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Allow",\n    "Acton": "s3:GetObject",\n    "Resource": "*"\n  }\n}';
    const [plain, numbered] = at(doc, [
      { path: 'Statement.Acton', message: 'unknown statement element `Acton`' },
      { path: 'Statement[0].Acton', message: 'unknown statement element `Acton`' },
    ]);
    expect(plain).toMatchObject({ line: 5, excerpt: '"Acton": "s3:GetObject",' });
    expect(numbered).toMatchObject({ line: 5 });
  });

  it('puts invalid JSON at the line of the syntax error and says what it is', () => {
    const doc = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow" "Action": "*"}\n  ]\n}';
    const [f] = at(doc, [{ path: '', message: 'policy is not valid JSON' }], 'invalid-json');
    expect(f).toMatchObject({ line: 4, excerpt: '{"Effect": "Allow" "Action": "*"}' });
    expect(f!.message).toBe('policy is not valid JSON (comma expected)');
    // Of two equal keys the later one counts, as in JSON.parse (and so in the validator).
    const twice = '{"Version": "2012-10-17",\n"Statement": [],\n"Statement": [{"Effect": "Alow"}]}';
    expect(at(twice, [{ path: 'Statement[0].Effect', message: 'm' }])[0]).toMatchObject({ line: 3 });
    // A character the service refuses is placed by the offset its message gives.
    const curly =
      '{\n  "Version": "2012-10-17",\n  "Statement": [{"Sid": "it\u2019s", "Effect": "Allow", "Action": "*", "Resource": "*"}]\n}';
    const message = `character \`\u2019\` (U+2019) at offset ${curly.indexOf('\u2019')} is not allowed`;
    expect(at(curly, [{ path: '', message }], 'invalid-character')[0]).toMatchObject({ line: 3 });
    // A path the document does not hold points at the deepest element it does hold: here the policy itself.
    const [lost] = at('{"Version": "2012-10-17"}', [{ path: 'Statement[3].Effect', message: 'm' }]);
    expect(lost!.line).toBe(1);
  });
});

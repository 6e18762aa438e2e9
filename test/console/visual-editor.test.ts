// The visual policy editor at /console/policies/visual, walked as a person would with script off: each
// step a form post carrying the draft, the JSON shown on every step, and Finish handing the document to
// the JSON editor it came from. The draft comes back from the browser, so a tampered one (an unknown
// service, an action the service lacks) is refused with a 400 and a message, never written into a policy.
import { describe, expect, it } from 'vitest';
import { consoleAsRoot, consoleAsUser, open, submit, type Browser } from './fixtures';

const VISUAL = '/console/policies/visual';

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The value of the first hidden field named `name` in a page (the draft and what it carries). */
function hidden(html: string, name: string, after = 0): string {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html.slice(after));
  if (!m) throw new Error(`no hidden ${name} field`);
  return unescape(m[1]!);
}

/** The form that Finish posts to the JSON editor: its action and fields. */
function finishForm(html: string) {
  const at = html.search(/<form method="post" action="[^"]*" class="inline">(?:(?!<\/form>)[\s\S])*name="intent" value="load"/);
  expect(at, 'a form posting intent=load').toBeGreaterThanOrEqual(0);
  const form = html.slice(at, html.indexOf('</form>', at));
  const fields = Object.fromEntries(
    [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, unescape(m[2]!)]),
  );
  return { action: unescape(/action="([^"]*)"/.exec(form)![1]!), fields };
}

/** Posts a step of the editor with the draft the last page carried. */
async function step(b: Browser, from: { html: string }, fields: Record<string, string>) {
  return submit(b, VISUAL, {
    draft: hidden(from.html, 'draft'),
    returnTo: hidden(from.html, 'returnTo'),
    carry: hidden(from.html, 'carry'),
    ...fields,
  });
}

describe('console: the visual policy editor', () => {
  it('builds S3 read on one bucket with an address condition, shows the JSON on each step, and hands it to the JSON editor', async () => {
    const { browser } = await consoleAsRoot();
    const start = await open(browser, VISUAL);
    expect(start.status).toBe(200);
    expect(start.html.match(/<h1>/g)).toHaveLength(1);
    expect(start.text).toContain('Visual editor: choose a service');
    expect(start.text).toContain('Amazon S3');
    expect(start.text).toContain('Amazon DynamoDB');

    const found = await step(browser, start, { intent: 'search', q: 'dynamo' });
    expect(found.text).toContain('Amazon DynamoDB');
    expect(found.text).not.toContain('Amazon S3 ');

    const actions = await step(browser, found, { intent: 'service', service: 's3' });
    expect(actions.status).toBe(200);
    expect(actions.text).toContain('Visual editor: actions of Amazon S3');
    for (const level of ['List', 'Read', 'Write', 'Permissions management', 'Tagging'])
      expect(actions.text).toContain(`All ${level} actions`);
    expect(actions.text).toContain('All actions ( s3:* )');
    expect(actions.html).toContain('name="action-GetObject"');

    const resources = await step(browser, actions, {
      intent: 'actions',
      effect: 'Allow',
      'action-GetObject': 'on',
      'action-ListAllMyBuckets': 'on',
    });
    expect(resources.status, resources.text).toBe(200);
    expect(resources.text).toContain('arn:${Partition}:s3:::${BucketName}/${ObjectName}');
    expect(resources.text).toContain('s3:ListAllMyBuckets'); // named as taking no resource
    expect(resources.html).toContain('name="rt-object-BucketName"');
    // The JSON so far, before resources are chosen.
    expect(resources.text).toContain('"s3:GetObject"');

    const conditions = await step(browser, resources, { intent: 'resources', scope: 'specific', 'rt-object-BucketName': 'reports' });
    expect(conditions.status, conditions.text).toBe(200);
    expect(conditions.text).toContain('No conditions');
    expect(conditions.text).toContain('"arn:aws:s3:::reports/*"');

    const value = await step(browser, conditions, { intent: 'add-condition', key: 'aws:SourceIp' });
    expect(value.text).toContain('condition on aws:SourceIp');
    expect(value.html).toContain('<option value="IpAddress">');
    expect(value.html).not.toContain('<option value="StringEquals">');

    const withCondition = await step(browser, value, {
      intent: 'condition',
      key: 'aws:SourceIp',
      operator: 'IpAddress',
      values: '203.0.113.0/24\n198.51.100.7',
    });
    expect(withCondition.status, withCondition.text).toBe(200);
    expect(withCondition.text).toContain('aws:SourceIp IpAddress 203.0.113.0/24, 198.51.100.7');

    const review = await step(browser, withCondition, { intent: 'statement-done' });
    expect(review.status, review.text).toBe(200);
    expect(review.text).toContain('Visual editor: review the policy');
    expect(review.text).toContain('Allowed by this policy'); // the summary
    const finish = finishForm(review.html);
    expect(finish.action).toBe('/console/policies/new');
    const condition = { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.7'] } };
    expect(JSON.parse(finish.fields.document!)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*', Condition: condition },
        { Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*', Condition: condition },
      ],
    });

    // Another statement: EC2, all actions, denied.
    const again = await step(browser, review, { intent: 'another' });
    const ec2 = await step(browser, again, { intent: 'service', service: 'ec2' });
    const ec2Resources = await step(browser, ec2, { intent: 'actions', effect: 'Deny', all: 'on' });
    const ec2Conditions = await step(browser, ec2Resources, { intent: 'resources', scope: 'all' });
    const two = await step(browser, ec2Conditions, { intent: 'statement-done' });
    const document = JSON.parse(finishForm(two.html).fields.document!);
    expect(document.Statement).toHaveLength(3);
    expect(document.Statement[2]).toEqual({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' });
    expect(two.text).toContain('Explicitly denied by this policy');

    // Removing a statement, then Finish: the JSON editor opens with the document.
    const one = await step(browser, two, { intent: 'remove-statement', index: '1' });
    const back = finishForm(one.html);
    expect(JSON.parse(back.fields.document!).Statement.map((s: { Action: string }) => s.Action)).toEqual(['s3:GetObject', 'ec2:*']);
    const editor = await submit(browser, back.action, back.fields);
    expect(editor.status, editor.text).toBe(200);
    expect(editor.text).toContain('arn:aws:s3:::reports/*');
    expect(editor.text).toContain('ec2:*');
  });

  it('opens what the JSON editor had, keeps its fields, and says what it cannot show', async () => {
    const { browser, account: a } = await consoleAsRoot();
    const mixed = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'Both', Effect: 'Allow', Action: ['s3:GetObject', 'sqs:SendMessage'], Resource: '*' }],
    });
    const loaded = await submit(browser, VISUAL, {
      intent: 'load',
      document: mixed,
      returnTo: '/console/policies/new',
      name: 'reports-reader',
      'tag-key-0': 'team',
    });
    expect(loaded.status, loaded.text).toBe(200);
    expect(loaded.text).toContain('Statement 1 names actions of 2 services: it is shown as one statement per service.');
    expect(loaded.text).toContain('Amazon SQS');
    const finish = finishForm(loaded.html);
    expect(finish.fields).toMatchObject({ name: 'reports-reader', 'tag-key-0': 'team', intent: 'load' });
    expect(JSON.parse(finish.fields.document!).Statement).toEqual([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
    ]);

    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Principal: { AWS: '*' }, Resource: '*' }],
    });
    const cannot = await submit(browser, VISUAL, { intent: 'load', document: trust, returnTo: '/console/policies/new' });
    expect(cannot.status).toBe(200);
    expect(cannot.text).toContain('this policy cannot be shown');
    expect(cannot.text).toContain('statement 1 uses NotAction , which the visual editor cannot show');
    expect(cannot.text).toContain('statement 1 uses Principal');
    // The way back carries the document as it was.
    expect(finishForm(cannot.html).fields.document).toBe(trust);

    const empty = await submit(browser, VISUAL, { intent: 'load', document: '', returnTo: '/console/policies/new' });
    expect(empty.text).toContain('choose a service');

    // Someone who may not call iam:ValidatePolicy still builds a policy; the review says it could not be checked.
    const { browser: tom } = await consoleAsUser(a.accountId, 'tom');
    const forTom = await submit(tom, VISUAL, { intent: 'load', document: mixed, returnTo: '/console/policies/new' });
    expect(forTom.status).toBe(200);
    expect(forTom.text).toContain('could not be checked');
    expect(finishForm(forTom.html).action).toBe('/console/policies/new');
  });

  it('tampered draft or bad input: 400 with a message, and the draft as it was', async () => {
    const { browser } = await consoleAsRoot();
    const start = await open(browser, VISUAL);

    const unknown = await step(browser, start, { intent: 'service', service: 's4' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('There is no AWS service “s4” (did you mean s3?): choose one from the list');
    expect(hidden(unknown.html, 'draft')).toBe(hidden(start.html, 'draft'));

    const forged = JSON.stringify({
      statements: [{ effect: 'Allow', service: 's4', actions: ['GetObject'], resources: ['*'], conditions: [] }],
    });
    const tampered = await submit(browser, VISUAL, { intent: 'review', draft: forged, returnTo: '/console/policies/new' });
    expect(tampered.status).toBe(400);
    expect(tampered.text).toContain('The draft could not be used (the draft policy is not one this editor wrote: unknown service');
    expect(tampered.text).not.toContain('s4:GetObject');

    const notJson = await submit(browser, VISUAL, { intent: 'review', draft: '{"statements":', returnTo: '/console/policies/new' });
    expect(notJson.status).toBe(400);
    const elsewhere = await submit(browser, VISUAL, {
      intent: 'load',
      document: '{}',
      returnTo: 'https://evil.example/console/policies/new',
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.text).toContain('The page to return to is not a policy editor of this console.');
    expect((await open(browser, `${VISUAL}?returnTo=//evil.example/x`)).status).toBe(400);

    const actions = await step(browser, start, { intent: 'service', service: 's3' });
    const none = await step(browser, actions, { intent: 'actions', effect: 'Allow' });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Choose at least one action, or All actions');
    const typo = await step(browser, actions, { intent: 'actions', effect: 'Allow', 'action-GetObjet': 'on' });
    expect(typo.status).toBe(400);
    expect(typo.text).toContain('GetObjet is not an action of Amazon S3.');

    const resources = await step(browser, actions, { intent: 'actions', effect: 'Allow', 'action-PutObject': 'on' });
    const nothing = await step(browser, resources, { intent: 'resources', scope: 'specific' });
    expect(nothing.status).toBe(400);
    expect(nothing.text).toContain('Enter the parts of at least one resource, tick Any for a resource type, or choose All resources');
    const badArn = await step(browser, resources, { intent: 'resources', scope: 'specific', extra: 'reports/*' });
    expect(badArn.status).toBe(400);
    expect(badArn.text).toContain('Enter each ARN on its own line, starting arn:');
    expect(hidden(badArn.html, 'draft')).toBe(hidden(resources.html, 'draft'));

    const conditions = await step(browser, resources, { intent: 'resources', scope: 'all' });
    const value = await step(browser, conditions, { intent: 'add-condition', key: 'aws:MultiFactorAuthAge' });
    const soon = await step(browser, value, {
      intent: 'condition',
      key: 'aws:MultiFactorAuthAge',
      operator: 'NumericLessThan',
      values: 'soon',
    });
    expect(soon.status).toBe(400);
    expect(soon.text).toContain('Enter a number, like 3600 (not soon)');
    const wrongOp = await step(browser, value, {
      intent: 'condition',
      key: 'aws:MultiFactorAuthAge',
      operator: 'StringLike',
      values: '3600',
    });
    expect(wrongOp.status).toBe(400);
    expect(wrongOp.text).toContain('Choose one of the operators offered for aws:MultiFactorAuthAge');
    const tag = await step(browser, conditions, { intent: 'add-condition', key: 'aws:ResourceTag/${TagKey}' });
    const noTag = await step(browser, tag, {
      intent: 'condition',
      key: 'aws:ResourceTag/${TagKey}',
      operator: 'StringEquals',
      values: 'ops',
    });
    expect(noTag.status).toBe(400);
    expect(noTag.text).toContain('Enter the TagKey for aws:ResourceTag/${TagKey}');
    const tagged = await step(browser, tag, {
      intent: 'condition',
      key: 'aws:ResourceTag/${TagKey}',
      keyName: 'team',
      operator: 'StringEquals',
      values: 'ops',
    });
    expect(tagged.status).toBe(200);
    const done = await step(browser, tagged, { intent: 'statement-done' });
    expect(JSON.parse(finishForm(done.html).fields.document!).Statement).toEqual([
      { Effect: 'Allow', Action: 's3:PutObject', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'ops' } } },
    ]);
    expect((await step(browser, done, { intent: 'nonsense' })).status).toBe(400);
  });
});

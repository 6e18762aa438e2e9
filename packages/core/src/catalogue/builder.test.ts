// The visual editor's document builder: a dozen sets of choices, each checked against the JSON a person
// would write by hand; every service of the catalogue built into a statement with all its actions and
// all its resource types, which the policy parser (with IAM's rules on save) must accept; long action
// lists compacted to wildcards that match exactly the chosen actions.
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../policy';
import {
  actionsByLevel,
  arnParts,
  buildArn,
  buildPolicyDocument,
  compactActions,
  completeStatement,
  draftFromDocument,
  expandActionPattern,
  fillKey,
  getService,
  listServices,
  parseDraft,
  draftField,
  resourceTypes,
  statementActions,
  type DraftStatement,
} from './index';

const V = '2012-10-17';
const stmt = (s: Partial<DraftStatement> & Pick<DraftStatement, 'service' | 'actions'>): DraftStatement => ({
  effect: 'Allow',
  resources: ['*'],
  conditions: [],
  ...s,
});
/** What the editor produces for the statements chosen step by step. */
const build = (...choices: DraftStatement[]) => buildPolicyDocument({ statements: choices.flatMap(completeStatement) });

describe('visual editor choices against hand-written JSON', () => {
  it('S3 read on one bucket’s objects', () => {
    const object = resourceTypes('s3').find((t) => t.name === 'object')!;
    const arn = buildArn(object.arn, { BucketName: 'reports', ObjectName: '*' });
    expect(build(stmt({ service: 's3', actions: ['GetObject', 'GetObjectVersion'], resources: [arn] }))).toEqual({
      Version: V,
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: 'arn:aws:s3:::reports/*' }],
    });
  });

  it('EC2, all actions', () => {
    expect(build(stmt({ service: 'ec2', actions: ['*'] }))).toEqual({
      Version: V,
      Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }],
    });
  });

  it('IAM with a resource tag condition', () => {
    const key = fillKey('aws:ResourceTag/${TagKey}', 'team');
    const doc = build(
      stmt({
        service: 'iam',
        actions: ['DeleteUser', 'TagUser'],
        resources: [buildArn(resourceTypes('iam').find((t) => t.name === 'user')!.arn, { Account: '123456789012' })],
        conditions: [{ operator: 'StringEquals', key, values: ['ops'] }],
      }),
    );
    expect(doc).toEqual({
      Version: V,
      Statement: [
        {
          Effect: 'Allow',
          Action: ['iam:DeleteUser', 'iam:TagUser'],
          Resource: 'arn:aws:iam::123456789012:user/*',
          Condition: { StringEquals: { 'aws:ResourceTag/team': 'ops' } },
        },
      ],
    });
  });

  it('Deny outside an address range (aws:SourceIp)', () => {
    expect(
      build(
        stmt({
          effect: 'Deny',
          service: 's3',
          actions: ['*'],
          conditions: [{ operator: 'NotIpAddress', key: 'aws:SourceIp', values: ['203.0.113.0/24', '2001:db8::/32'] }],
        }),
      ),
    ).toEqual({
      Version: V,
      Statement: [
        {
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } },
        },
      ],
    });
  });

  it('a DynamoDB table by region, account and name', () => {
    const table = resourceTypes('dynamodb').find((t) => t.name === 'table')!;
    const arn = buildArn(table.arn, { Region: 'eu-west-1', Account: '123456789012', TableName: 'orders' });
    expect(build(stmt({ service: 'dynamodb', actions: ['GetItem', 'PutItem', 'Query'], resources: [arn] }))).toEqual({
      Version: V,
      Statement: [
        {
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
          Resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders',
        },
      ],
    });
  });

  it('invoking one Lambda function', () => {
    const fn = resourceTypes('lambda').find((t) => t.name === 'function')!;
    const arn = buildArn(fn.arn, { Region: 'us-east-1', Account: '123456789012', FunctionName: 'resize' });
    expect(build(stmt({ service: 'lambda', actions: ['InvokeFunction'], resources: [arn] }))).toEqual({
      Version: V,
      Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:resize' }],
    });
  });

  it('several statements, in the order they were added', () => {
    expect(
      build(
        stmt({ service: 'sqs', actions: ['SendMessage'], resources: ['arn:aws:sqs:us-east-1:123456789012:jobs'] }),
        stmt({ effect: 'Deny', service: 'sqs', actions: ['DeleteQueue'] }),
      ),
    ).toEqual({
      Version: V,
      Statement: [
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:jobs' },
        { Effect: 'Deny', Action: 'sqs:DeleteQueue', Resource: '*' },
      ],
    });
  });

  it('all resources', () => {
    expect(build(stmt({ service: 'sns', actions: ['Publish', 'ListTopics'] }))).toEqual({
      Version: V,
      Statement: [{ Effect: 'Allow', Action: ['sns:Publish', 'sns:ListTopics'], Resource: '*' }],
    });
  });

  it('an action that takes no resource gets a statement of its own on *', () => {
    expect(build(stmt({ service: 's3', actions: ['ListAllMyBuckets', 'ListBucket'], resources: ['arn:aws:s3:::reports'] }))).toEqual({
      Version: V,
      Statement: [
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::reports' },
        { Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' },
      ],
    });
  });

  it('"Any" for a resource type: every part a wildcard', () => {
    const object = resourceTypes('s3').find((t) => t.name === 'object')!;
    expect(build(stmt({ service: 's3', actions: ['PutObject'], resources: [buildArn(object.arn)] }))).toEqual({
      Version: V,
      Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::*/*' }],
    });
  });

  it('conditions on two keys, with MFA and regions (values of one key merged)', () => {
    expect(
      build(
        stmt({
          service: 'ec2',
          actions: ['StartInstances', 'StopInstances'],
          conditions: [
            { operator: 'Bool', key: 'aws:MultiFactorAuthPresent', values: ['true'] },
            { operator: 'StringEquals', key: 'aws:RequestedRegion', values: ['eu-west-1'] },
            { operator: 'StringEquals', key: 'aws:RequestedRegion', values: ['eu-west-2'] },
          ],
        }),
      ),
    ).toEqual({
      Version: V,
      Statement: [
        {
          Effect: 'Allow',
          Action: ['ec2:StartInstances', 'ec2:StopInstances'],
          Resource: '*',
          Condition: {
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-west-2'] },
          },
        },
      ],
    });
  });

  it('a policy read from JSON comes back as the same JSON, one service per statement', () => {
    const doc = {
      Version: V,
      Statement: [
        { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:List*'], Resource: 'arn:aws:s3:::reports/*' },
        { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': false } } },
      ],
    };
    const loaded = draftFromDocument(doc);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(buildPolicyDocument(loaded.draft)).toEqual({
      ...doc,
      Statement: [doc.Statement[0], { ...doc.Statement[1], Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }],
    });
    const mixed = draftFromDocument({
      Version: V,
      Statement: { Effect: 'Allow', Action: ['s3:getobject', 'sqs:SendMessage'], Resource: '*' },
    });
    expect(mixed.ok && buildPolicyDocument(mixed.draft)).toEqual({
      Version: V,
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
      ],
    });
    expect(mixed.ok && mixed.notes).toEqual(['Statement 1 names actions of 2 services: it is shown as one statement per service.']);
    const cannot = draftFromDocument({
      Version: V,
      Statement: [{ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'x', Principal: '*' }],
    });
    expect(cannot.ok).toBe(false);
    expect(!cannot.ok && cannot.problems).toEqual(
      expect.arrayContaining([
        'statement 1 uses `NotAction`, which the visual editor cannot show',
        'statement 1 uses `NotResource`, which the visual editor cannot show',
        'statement 1 uses `Principal`, which the visual editor cannot show',
      ]),
    );
    expect(draftFromDocument({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }).ok).toBe(false);
  });
});

describe('every service of the catalogue', () => {
  it('builds a statement with all its actions and all its resource types that the parser accepts', () => {
    const services = listServices();
    expect(services.length).toBeGreaterThan(400);
    const failures: string[] = [];
    for (const info of services) {
      const names = getService(info.prefix)!.actions.map((a) => a.name);
      // The editor offers "Any" where IAM accepts it, and asks for the parts where it does not.
      const arns = resourceTypes(info.prefix)
        .filter((t) => t.accepted)
        .map((t) => buildArn(t.arn, t.anyAccepted ? {} : Object.fromEntries(arnParts(t.arn).map((p) => [p, 'example']))));
      const statements = completeStatement(stmt({ service: info.prefix, actions: names, resources: arns.length ? arns : ['*'] }));
      const text = JSON.stringify(buildPolicyDocument({ statements }));
      const parsed = parsePolicy(text, 'identity', { iam: {}, maxSize: 1_000_000 });
      if (!parsed.ok) failures.push(`${info.prefix}: ${parsed.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
      // The compacted statements still name exactly the service's actions.
      const named = new Set(statements.flatMap((s) => statementActions(s)).map((a) => a.action));
      if (named.size !== info.actionCount) failures.push(`${info.prefix}: names ${named.size} of ${info.actionCount} actions`);
      // And the draft survives the check it meets on every step of the console.
      if (!parseDraft(draftField({ statements })).ok) failures.push(`${info.prefix}: draft refused`);
    }
    expect(failures).toEqual([]);
    // The resource types IAM refuses in Resource, which the editor shows without fields.
    const refused = services.flatMap((s) =>
      resourceTypes(s.prefix)
        .filter((t) => !t.accepted)
        .map((t) => `${s.prefix}:${t.name}`),
    );
    expect(refused).toEqual(['iam:assumed-role', 'iam:role-template']);
  });

  it('compacts a long list to wildcards that match exactly the chosen actions', () => {
    const read = actionsByLevel('ec2')
      .find((g) => g.level === 'Read')!
      .actions.map((a) => a.name);
    const list = actionsByLevel('ec2')
      .find((g) => g.level === 'List')!
      .actions.map((a) => a.name);
    const chosen = [...read, ...list];
    const compact = compactActions('ec2', chosen);
    expect(compact).toContain('Describe*');
    expect(compact.length).toBeLessThan(chosen.length / 3);
    const matched = new Set(compact.flatMap((p) => expandActionPattern(`ec2:${p}`).actions.map((a) => a.name)));
    expect([...matched].sort()).toEqual([...chosen].sort());
    // A short list stays as chosen.
    expect(compactActions('s3', ['GetObject', 'PutObject'])).toEqual(['GetObject', 'PutObject']);
  });
});

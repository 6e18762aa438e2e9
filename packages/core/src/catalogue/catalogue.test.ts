// The catalogue read as a person uses it: services and actions looked up case-insensitively, wildcards
// expanded, "did you mean" for typos, the warnings /validate-policy gives for names that match nothing,
// the policy summary by service and access level, and the draft check the visual editor relies on.
import { describe, expect, it } from 'vitest';
import {
  actionDetails,
  actionsByLevel,
  CATALOGUE_VERSION,
  conditionKeyChoices,
  conditionValueProblem,
  draftField,
  expandActionPattern,
  getService,
  listServices,
  lookupAction,
  operatorsFor,
  parseDraft,
  resourceTypes,
  suggestAction,
  summarizePolicy,
  unknownActionWarnings,
} from './index';
import data from './sar-actions.json';

describe('catalogue lookups', () => {
  it('knows every service, its actions by access level, resource types and condition keys', () => {
    expect(CATALOGUE_VERSION).toBe((data as { version: string }).version);
    expect(listServices().length).toBeGreaterThan(400);
    expect(getService('S3')?.name).toBe('Amazon S3');
    expect(actionsByLevel('s3').map((g) => g.level)).toEqual(['List', 'Read', 'Write', 'Permissions management', 'Tagging']);
    expect(lookupAction('s3:getobject')).toMatchObject({ action: 's3:GetObject', level: 'Read' });
    expect(lookupAction('iam:AttachRolePolicy')?.level).toBe('Permissions management');
    expect(lookupAction('s3:GetObjet')).toBeUndefined();
    const getObject = actionDetails(lookupAction('s3:GetObject')!)!;
    expect(getObject.resourceTypes).toContainEqual({ name: 'object', required: false });
    expect(getObject.conditionKeys).toContain('s3:ExistingObjectTag/<key>');
    expect(resourceTypes('s3').find((t) => t.name === 'bucket')?.arn).toBe('arn:${Partition}:s3:::${BucketName}');
    const keys = conditionKeyChoices('s3');
    expect(keys.find((k) => k.key === 's3:prefix')?.type).toBe('String');
    expect(keys.find((k) => k.key === 'aws:SourceIp')?.type).toBe('IPAddress');
    expect(operatorsFor('IPAddress')).toEqual(['IpAddress', 'NotIpAddress', 'Null']);
    expect(operatorsFor('ArrayOfString')).toContain('ForAnyValue:StringLike');
    expect(conditionValueProblem('NumericLessThan', 'soon')).toMatch(/Enter a number/);
    expect(conditionValueProblem('IpAddress', '203.0.113.0/24')).toBeUndefined();
  });

  it('expands wildcards and suggests the nearest real name for a typo', () => {
    expect(expandActionPattern('s3:Get*').actions.every((a) => a.name.startsWith('Get'))).toBe(true);
    expect(expandActionPattern('S3:GETOBJECT').actions.map((a) => a.action)).toEqual(['s3:GetObject']);
    expect(expandActionPattern('*:ListTagsForResource').services.length).toBe(listServices().length);
    expect(expandActionPattern('s3:Gett*').actions).toEqual([]);
    expect(suggestAction('s3:GetObjet')).toEqual({ kind: 'action', action: 's3:GetObject' });
    expect(suggestAction('s3:getobject')).toEqual({ kind: 'exists', action: 's3:GetObject' });
    expect(suggestAction('s4:GetObject')).toEqual({ kind: 'service', service: 's3', action: 's3:GetObject' });
    expect(suggestAction('iam:CreatUser')).toEqual({ kind: 'action', action: 'iam:CreateUser' });
    expect(suggestAction('dynamodb:GetIetm')).toEqual({ kind: 'action', action: 'dynamodb:GetItem' });
    expect(suggestAction('s3:Completely')).toEqual({ kind: 'none' });
  });

  it('warns, at the path of each value, about actions and services that do not exist', () => {
    const warnings = unknownActionWarnings({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:getobject', 's3:GetObjet', 's4:GetObject', 's3:Gett*', 'myapp:DoThing'], Resource: '*' },
        { Effect: 'Deny', NotAction: 'iam:CreatUser', Resource: '*' },
      ],
    });
    expect(warnings.map((w) => [w.path, w.code, w.message])).toEqual([
      ['Statement[0].Action[1]', 'unknown-action', 'Action `s3:GetObjet` does not exist: did you mean `s3:GetObject`?'],
      [
        'Statement[0].Action[2]',
        'unknown-service',
        'Service `s4` in Action `s4:GetObject` is not in the AWS Service Authorization Reference: did you mean `s3:GetObject`?',
      ],
      ['Statement[0].Action[3]', 'action-matches-nothing', 'Action `s3:Gett*` matches no action of `s3`, so it allows and denies nothing'],
      [
        'Statement[0].Action[4]',
        'unknown-service',
        'Service `myapp` in Action `myapp:DoThing` is not in the AWS Service Authorization Reference; if it is your own application, ignore this',
      ],
      ['Statement[1].NotAction', 'unknown-action', 'NotAction `iam:CreatUser` does not exist: did you mean `iam:CreateUser`?'],
    ]);
    expect(warnings.every((w) => w.severity === 'warning')).toBe(true);
    expect(unknownActionWarnings({ Statement: { Effect: 'Allow', Action: ['*', 's3:*', 'ec2:Describe*'], Resource: '*' } })).toEqual([]);
    expect(unknownActionWarnings('not a policy')).toEqual([]);
  });
});

describe('policy summary', () => {
  it('gives each service its access levels, action count, resources and conditions, with denies apart', () => {
    const s = summarizePolicy({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:List*', 's3:GetObject'],
          Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*', 'arn:aws:sqs:*:*:q'],
        },
        { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
        {
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: 'arn:aws:sqs:*:*:q',
          Condition: { Bool: { 'aws:SecureTransport': 'true' } },
        },
        { Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*' },
        { Effect: 'Allow', Action: ['s3:GetObjet', 's4:Get*'], Resource: '*' },
      ],
    });
    const s3 = s.allow.find((r) => r.prefix === 's3')!;
    const s3Lists = getService('s3')!.actions.filter((a) => a.level === 'List').length;
    expect(s3).toMatchObject({ name: 'Amazon S3', access: 'Full: List Limited: Read', actionCount: s3Lists + 1, allResources: false });
    expect(s3.resources).toEqual(['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*']);
    expect(s.allow.find((r) => r.prefix === 'ec2')).toMatchObject({ access: 'Full access', resources: ['All resources'], conditions: [] });
    expect(s.allow.find((r) => r.prefix === 'sqs')).toMatchObject({
      access: 'Limited: Write',
      actionCount: 1,
      conditions: ['Bool aws:SecureTransport'],
    });
    expect(s.deny).toHaveLength(1);
    expect(s.deny[0]).toMatchObject({ prefix: 'ec2', access: 'Limited: Write', actionCount: 1 });
    expect(s.unrecognized).toEqual([
      { value: 's3:GetObjet', kind: 'action', suggestion: 's3:GetObject' },
      { value: 's4:Get*', kind: 'service' },
    ]);
  });

  it('reads any shape IAM accepts: one row for every service, NotAction, text, and what is not a policy', () => {
    const all = summarizePolicy(JSON.stringify({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }));
    expect(all.allow).toHaveLength(1);
    expect(all.allow[0]).toMatchObject({ prefix: '*', name: 'All services', access: 'Full access', serviceCount: listServices().length });
    const notIam = summarizePolicy({ Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 's3:PutObject'], Resource: '*' }] });
    expect(notIam.allow[0]).toMatchObject({ name: 'All other services', serviceCount: listServices().length - 2 });
    expect(notIam.allow.find((r) => r.prefix === 's3')).toMatchObject({ actionCount: getService('s3')!.actionCount - 1 });
    expect(notIam.allow.find((r) => r.prefix === 'iam')).toBeUndefined();
    expect(summarizePolicy('{nope').problem).toBe('the document is not valid JSON');
    expect(summarizePolicy([]).problem).toBe('the document is not a JSON object');
    expect(
      summarizePolicy({ Statement: [{ Effect: 'Allow', NotResource: 'arn:aws:s3:::secret/*', Action: 's3:GetObject' }] }).allow[0]!
        .resources,
    ).toEqual(['All resources except arn:aws:s3:::secret/*']);
  });
});

describe('the draft a form carries', () => {
  it('refuses a tampered draft: unknown service, unknown action, unknown operator, extra fields', () => {
    const good = { statements: [{ effect: 'Allow', service: 's3', actions: ['GetObject'], resources: ['*'], conditions: [] }] };
    expect(parseDraft(JSON.stringify(good))).toMatchObject({ ok: true });
    const bad = (change: object) => parseDraft(JSON.stringify({ statements: [{ ...good.statements[0], ...change }] }));
    expect(bad({ service: 's4' })).toMatchObject({ ok: false, problem: expect.stringContaining('unknown service') });
    expect(bad({ actions: ['GetObjet'] })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('an action the service does not have'),
    });
    expect(bad({ conditions: [{ operator: 'StringSortOf', key: 'aws:SourceIp', values: ['x'] }] })).toMatchObject({ ok: false });
    expect(bad({ principal: '*' })).toMatchObject({ ok: false });
    expect(parseDraft('{')).toEqual({ ok: false, problem: 'the draft policy is not valid JSON' });
    expect(parseDraft('')).toEqual({ ok: true, draft: { statements: [] } });
    const round = parseDraft(draftField({ statements: [], editing: { effect: 'Deny', service: 'EC2', actions: [], conditions: [] } }));
    expect(round).toMatchObject({ ok: true, draft: { editing: { service: 'ec2' } } });
  });
});

// Unit tests for the pieces under the corpus: IP and date parsing, size counting, context keys,
// compilation edge cases, the action index, and decision details.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrContains, parseCidr, parseIp } from './conditions/ip';
import { parseDate } from './conditions/date';
import { compilePolicy } from './compile';
import { getContextKeys } from './context-keys';
import { toPolicyJson } from './format';
import { POLICY_LIMITS, policySize } from './limits';
import { actionMatches } from './matchers';
import { parsePolicy } from './parse';
import { compilePolicySet } from './policy-set';
import { simulate } from './simulate';

describe('IP addresses', () => {
  it.each([
    ['10.0.0.0/8', '10.255.255.255', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['0.0.0.0/0', '1.2.3.4', true],
    ['192.0.2.1', '192.0.2.1', true],
    ['192.0.2.1/32', '192.0.2.2', false],
    ['10.1.2.3/8', '10.200.0.1', true], // host bits in the block are ignored
    ['::/0', '2001:db8::1', true],
    ['2001:db8::/127', '2001:db8::1', true],
    ['2001:db8::/128', '2001:db8::1', false],
    ['2001:db8:0:0:0:0:0:1', '2001:db8::1', true],
    ['fe80::/10', 'FEBF::1', true],
    ['fe80::/10', 'fec0::1', false],
    ['1.2.3.0/24', '::ffff:1.2.3.4', true], // IPv4-mapped IPv6 addresses are compared as IPv4
    ['64:ff9b::/96', '64:ff9b::192.0.2.33', true],
  ])('`%s` contains `%s`: %s', (block, ip, want) => {
    const c = parseCidr(block);
    const a = parseIp(ip);
    expect(c).toBeDefined();
    expect(a).toBeDefined();
    expect(cidrContains(c!, a!)).toBe(want);
  });

  it.each([
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '1.2.3.-1',
    '01234.1.1.1',
    '1::2::3',
    '12345::',
    'g::1',
    '1:2:3:4:5:6:7:8:9',
    '',
    '::1%eth0',
  ])('rejects `%s`', (text) => expect(parseIp(text)).toBeUndefined());
});

describe('dates', () => {
  it.each([
    ['2024-01-31', Date.UTC(2024, 0, 31)],
    ['2024-01-31T12:30:00Z', Date.UTC(2024, 0, 31, 12, 30)],
    ['2024-01-31T12:30:00.5Z', Date.UTC(2024, 0, 31, 12, 30, 0, 500)],
    ['2024-01-31T12:30:00+01:00', Date.UTC(2024, 0, 31, 11, 30)],
    ['2024-01-31T12:30:00-0130', Date.UTC(2024, 0, 31, 14, 0)],
    ['1700000000', 1_700_000_000_000],
  ])('parses `%s`', (text, ms) => expect(parseDate(text)).toBe(ms));

  it.each(['2024-13-01', '2023-02-29', 'yesterday', '2024-1-1', '2024-01-01T25:00:00Z'])('rejects `%s`', (text) =>
    expect(parseDate(text)).toBeUndefined(),
  );
});

describe('sizes', () => {
  it('counts non-whitespace characters', () => {
    expect(policySize('{ "a" :\n\t"b c" }')).toBe(10);
    expect(POLICY_LIMITS.managed).toBe(6144);
    expect(POLICY_LIMITS.inlineUser).toBe(2048);
    expect(POLICY_LIMITS.inlineGroup).toBe(5120);
    expect(POLICY_LIMITS.inlineRole).toBe(10240);
    expect(POLICY_LIMITS.trust).toBe(2048);
  });
});

describe('getContextKeys', () => {
  it('lists condition keys and variables once, as first written', () => {
    const p = compilePolicy(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:*',
            Resource: 'arn:aws:s3:::b/${aws:username}/*',
            Condition: { StringLike: { 's3:prefix': 'home/${aws:PrincipalTag/team}/*' } },
          },
          {
            Effect: 'Deny',
            Action: '*',
            Resource: '*',
            Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' }, StringEquals: { 'AWS:USERNAME': 'x' } },
          },
        ],
      },
      { id: 'p', type: 'identity' },
    );
    expect(getContextKeys([p])).toEqual(['aws:MultiFactorAuthPresent', 'aws:PrincipalTag/team', 'aws:username', 's3:prefix']);
  });
});

describe('compilePolicy', () => {
  it('accepts a document returned by parsePolicy', () => {
    const parsed = parsePolicy(
      { Version: '2012-10-17', Statement: { Sid: 'A', Effect: 'Allow', Action: 's3:Get*', Resource: '*' } },
      'identity',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const p = compilePolicy(parsed.policy, { id: 'p', type: 'identity' });
    expect(p.errors).toEqual([]);
    expect(p.document).toEqual(parsed.policy);
    expect(toPolicyJson(parsed.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'A', Effect: 'Allow', Action: ['s3:Get*'], Resource: ['*'] }],
    });
  });

  it('does not apply storage limits: a large inline role policy still compiles', () => {
    const statements = Array.from({ length: 120 }, (_, i) => ({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::bucket-${i}/*`,
    }));
    const doc = { Version: '2012-10-17', Statement: statements };
    expect(parsePolicy(doc, 'identity').ok).toBe(false);
    const p = compilePolicy(doc, { id: 'p', type: 'identity' });
    expect(p.errors).toEqual([]);
    expect(p.statements.every((s) => s.error === undefined)).toBe(true);
  });

  it('never throws, whatever the input', () => {
    for (const input of [undefined, null, 1, 'x', [], {}, { statements: 'x' }, { statements: [null] }, { Statement: [{}] }]) {
      const p = compilePolicy(input, { id: 'p', type: 'identity' });
      expect(p.errors.length).toBeGreaterThan(0);
    }
  });
});

describe('action index', () => {
  const patterns = [
    's3:GetObject',
    's3:Get*',
    's3:*',
    '*',
    'sqs:SendMessage',
    'sqs:*Message',
    '*:Get*',
    's?s:SendMessage',
    'iam:CreateUser',
  ];
  const actions = [
    's3:GetObject',
    's3:getobject',
    's3:PutObject',
    'sqs:SendMessage',
    'sns:SendMessage',
    'iam:CreateUser',
    'iam:GetUser',
    'noservice',
  ];

  // The index is an optimisation: it must return exactly what a linear scan would.
  it('returns exactly the statements a linear scan finds, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ action: fc.subarray(patterns, { minLength: 1 }), not: fc.boolean() }), { minLength: 1, maxLength: 20 }),
        fc.constantFrom(...actions),
        (specs, action) => {
          const policy = compilePolicy(
            {
              Version: '2012-10-17',
              Statement: specs.map((s) => ({ Effect: 'Allow', [s.not ? 'NotAction' : 'Action']: s.action, Resource: '*' })),
            },
            { id: 'p', type: 'identity' },
          );
          const set = compilePolicySet('identity', [policy]);
          const lower = action.toLowerCase();
          const linear = policy.statements.filter((s) => actionMatches(s.actions, lower));
          expect(set.candidates(lower)).toEqual(linear);
          expect(set.candidates(lower)).toEqual(linear); // memoised answer is the same
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('decisions', () => {
  it('report missing context keys once, in a stable order', () => {
    const d = simulate(
      {
        identity: [
          {
            id: 'p',
            document: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: '*',
                  Resource: '*',
                  Condition: {
                    StringEqualsIfExists: { 'aws:RequestedRegion': 'eu-west-1' },
                    'ForAllValues:StringEquals': { 'aws:TagKeys': 'a' },
                  },
                },
                { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:requestedregion': 'us-east-1' } } },
              ],
            },
          },
        ],
      },
      { principal: { arn: 'arn:aws:iam::111122223333:user/alice' }, action: 's3:GetObject', resource: '*' },
    );
    expect(d.decision).toBe('Allow');
    expect(d.missingContextKeys).toEqual(['aws:RequestedRegion', 'aws:TagKeys']);
  });

  it('never read the clock: time comes from the context', () => {
    const policies = {
      identity: [
        {
          id: 'p',
          document: {
            Version: '2012-10-17',
            Statement: {
              Effect: 'Allow',
              Action: '*',
              Resource: '*',
              Condition: { DateLessThan: { 'aws:CurrentTime': '2000-01-01T00:00:00Z' } },
            },
          },
        },
      ],
    };
    const req = { principal: { arn: 'arn:aws:iam::111122223333:user/alice' }, action: 's3:GetObject', resource: '*' };
    expect(simulate(policies, { ...req, context: { 'aws:CurrentTime': '1999-12-31T23:59:59Z' } }).decision).toBe('Allow');
    expect(simulate(policies, { ...req, context: { 'aws:CurrentTime': '2000-01-01T00:00:01Z' } }).decision).toBe('ImplicitDeny');
  });
});

describe('a policy variable with no value', () => {
  // Threat: a caller without the tag (or context key) a variable names escapes a Deny: the entry with
  // the unresolvable variable used to disable the whole NotResource (or negated condition), so a Deny
  // stopped denying. It must keep denying, and an Allow must never grant more because of it.
  const alice = { arn: 'arn:aws:iam::111122223333:user/alice' };
  const allowAll = { Sid: 'All', Effect: 'Allow', Action: 's3:*', Resource: '*' };
  const decide = (statements: object[], resource: string, context: Record<string, string> = {}) =>
    simulate(
      { identity: [{ id: 'p', document: { Version: '2012-10-17', Statement: statements } }] },
      { principal: alice, action: 's3:GetObject', resource, context },
    ).decision;

  it('in a Deny with NotResource, matches nothing, so the Deny still denies', () => {
    const deny = { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::projects/${aws:PrincipalTag/missing}/*' };
    expect(decide([allowAll, deny], 'arn:aws:s3:::projects/apollo/plan.txt')).toBe('ExplicitDeny');
    expect(decide([allowAll, deny], 'arn:aws:s3:::elsewhere/x')).toBe('ExplicitDeny');
    // with the tag, the Deny spares the named project as written
    expect(decide([allowAll, deny], 'arn:aws:s3:::projects/apollo/plan.txt', { 'aws:PrincipalTag/missing': 'apollo' })).toBe('Allow');
  });

  it('in an Allow with NotResource, makes the Allow not apply rather than allow everything', () => {
    const allow = { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::projects/${aws:PrincipalTag/missing}/*' };
    expect(decide([allow], 'arn:aws:s3:::projects/apollo/plan.txt')).toBe('ImplicitDeny');
    expect(decide([allow], 'arn:aws:s3:::elsewhere/x')).toBe('ImplicitDeny');
    expect(decide([allow], 'arn:aws:s3:::elsewhere/x', { 'aws:PrincipalTag/missing': 'apollo' })).toBe('Allow');
  });

  it('in a negated condition, holds for a Deny and fails for an Allow', () => {
    const condition = { StringNotEquals: { 's3:ExistingObjectTag/Team': '${aws:PrincipalTag/Team}' } };
    const ctx = { 's3:ExistingObjectTag/Team': 'red' };
    expect(decide([allowAll, { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: condition }], 'arn:aws:s3:::b/x', ctx)).toBe(
      'ExplicitDeny',
    );
    expect(decide([{ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: condition }], 'arn:aws:s3:::b/x', ctx)).toBe(
      'ImplicitDeny',
    );
  });

  it('is never more permissive than any value the variable could have (negated elements)', () => {
    const rank = (d: string): number => (d === 'Allow' ? 1 : 0);
    const value = fc.stringMatching(/^[a-c*]{0,3}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('Allow', 'Deny'),
        fc.constantFrom('NotResource', 'StringNotEquals', 'StringNotLike', 'ArnNotLike'),
        value,
        value,
        value,
        (effect, element, v, resourceName, other) => {
          const pattern = `arn:aws:s3:::b/${other}\${myapp:v}`;
          const statement =
            element === 'NotResource'
              ? { Effect: effect, Action: 's3:*', NotResource: [pattern, 'arn:aws:s3:::b/c'] }
              : { Effect: effect, Action: 's3:*', Resource: '*', Condition: { [element]: { 'myapp:arn': [pattern, 'arn:aws:s3:::b/c'] } } };
          const statements = effect === 'Deny' ? [allowAll, statement] : [statement];
          const resource = `arn:aws:s3:::b/${resourceName}`;
          const ctx = { 'myapp:arn': resource };
          const without = decide(statements, resource, ctx);
          const withValue = decide(statements, resource, { ...ctx, 'myapp:v': v });
          expect(rank(without)).toBeLessThanOrEqual(rank(withValue));
        },
      ),
    );
  });
});

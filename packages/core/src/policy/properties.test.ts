// Laws of the evaluation logic, checked on random policies and requests drawn from a small
// vocabulary (so that statements often apply): deny wins, allows only add, boundaries only restrict,
// and order never matters.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate, type PolicyInput, type SimulationPolicies } from './simulate';
import type { AuthorizationRequest, Decision } from './types';

const ACCOUNT = '111122223333';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/app/s1`;

const action = fc.constantFrom('s3:GetObject', 's3:PutObject', 'sqs:SendMessage', 'iam:CreateUser');
const actionPattern = fc.constantFrom(
  's3:GetObject',
  's3:PutObject',
  's3:*',
  's3:Get*',
  'sqs:SendMessage',
  '*',
  'iam:*User',
  'S3:getobject',
);
const resource = fc.constantFrom('arn:aws:s3:::b/x', 'arn:aws:s3:::other/y', `arn:aws:sqs:us-east-1:${ACCOUNT}:q`);
const resourcePattern = fc.constantFrom(
  '*',
  'arn:aws:s3:::b/*',
  'arn:aws:s3:::b/x',
  `arn:aws:sqs:*:${ACCOUNT}:q`,
  'arn:aws:s3:::other/*',
  'arn:aws:s3:::${aws:username}/*',
);
const principal = fc.constantFrom<unknown>(
  '*',
  { AWS: ALICE },
  { AWS: ACCOUNT },
  { AWS: `arn:aws:iam::${ACCOUNT}:role/app` },
  { AWS: SESSION },
  { AWS: '999988887777' },
);
const condition = fc.constantFrom<unknown>(
  { StringEquals: { 'aws:PrincipalTag/team': 'eng' } },
  { StringNotEquals: { 'aws:PrincipalTag/team': ['ops'] } },
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } },
  { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'a*' } },
  { Null: { 'aws:SourceIp': 'false' } },
);

interface StatementOptions {
  readonly withPrincipal: boolean;
  readonly effect?: 'Allow' | 'Deny';
}

const statement = ({ withPrincipal, effect }: StatementOptions) =>
  fc
    .record({
      effect: effect === undefined ? fc.constantFrom('Allow', 'Deny') : fc.constant(effect),
      actions: fc.array(actionPattern, { minLength: 1, maxLength: 2 }),
      notAction: fc.boolean(),
      resources: fc.array(resourcePattern, { minLength: 1, maxLength: 2 }),
      notResource: fc.boolean(),
      condition: fc.option(condition, { freq: 2 }),
      principal,
    })
    .map((s) => ({
      Effect: s.effect,
      ...(withPrincipal && { Principal: s.principal }),
      [s.notAction && s.effect === 'Deny' ? 'NotAction' : 'Action']: s.actions,
      [s.notResource ? 'NotResource' : 'Resource']: s.resources,
      ...(s.condition !== null && { Condition: s.condition }),
    }));

const doc = (statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const policy = (withPrincipal: boolean) => fc.array(statement({ withPrincipal }), { minLength: 1, maxLength: 4 }).map(doc);

const policies: fc.Arbitrary<SimulationPolicies> = fc
  .record({
    identity: fc.array(policy(false), { maxLength: 3 }),
    boundary: fc.option(policy(false), { freq: 3 }),
    session: fc.option(policy(false), { freq: 3 }),
    resource: fc.option(policy(true), { freq: 2 }),
  })
  .map((p) => ({
    identity: p.identity.map((document, i) => ({ id: `identity-${i}`, document })),
    ...(p.boundary !== null && { boundary: [{ id: 'boundary', document: p.boundary }] }),
    ...(p.session !== null && { session: [{ id: 'session', document: p.session }] }),
    ...(p.resource !== null && { resource: { id: 'resource', document: p.resource } }),
  }));

const request: fc.Arbitrary<AuthorizationRequest> = fc.record({
  principal: fc.constantFrom({ arn: ALICE }, { arn: SESSION }, { arn: 'arn:aws:iam::999988887777:user/mallory' }),
  action,
  resource,
  context: fc.record(
    {
      'aws:PrincipalTag/team': fc.constantFrom('eng', 'ops'),
      'aws:MultiFactorAuthPresent': fc.boolean(),
      'aws:SourceIp': fc.constantFrom('10.1.2.3', '192.0.2.1'),
      'aws:TagKeys': fc.subarray(['a', 'b', 'c']),
      'aws:username': fc.constantFrom('b', 'other'),
    },
    { requiredKeys: [] },
  ),
});

const RUNS = { numRuns: 400 };
const allowed = (d: Decision): boolean => d.decision === 'Allow';

const withStatement = (p: PolicyInput, s: unknown): PolicyInput => {
  const d = p.document as { Statement: unknown[] };
  return { ...p, document: { ...d, Statement: [...d.Statement, s] } };
};

describe('policy evaluation laws', () => {
  it('an applicable explicit Deny always wins', () => {
    fc.assert(
      fc.property(policies, request, fc.constantFrom('identity', 'boundary', 'session', 'resource'), (p, r, where) => {
        const deny = { Sid: 'DenyAll', Effect: 'Deny', Action: r.action, Resource: '*', ...(where === 'resource' && { Principal: '*' }) };
        const added: SimulationPolicies =
          where === 'identity'
            ? { ...p, identity: [...(p.identity ?? []), { id: 'deny', document: doc([deny]) }] }
            : where === 'resource'
              ? { ...p, resource: p.resource ? withStatement(p.resource, deny) : { id: 'resource', document: doc([deny]) } }
              : { ...p, [where]: [withStatement(p[where]?.[0] ?? { id: where, document: doc([]) }, deny)] };
        const d = simulate(added, r);
        expect(d.decision).toBe('ExplicitDeny');
        expect(d.matched.some((m) => m.sid === 'DenyAll')).toBe(true);
      }),
      RUNS,
    );
  });

  it('adding an Allow statement never turns an Allow into a Deny', () => {
    fc.assert(
      fc.property(policies, request, statement({ withPrincipal: false, effect: 'Allow' }), principal, fc.nat(3), (p, r, s, who, where) => {
        if (!allowed(simulate(p, r))) return;
        let more: SimulationPolicies;
        if (where === 0) more = { ...p, identity: [...(p.identity ?? []), { id: 'extra', document: doc([s]) }] };
        else if (where === 1 && p.boundary) more = { ...p, boundary: [withStatement(p.boundary[0]!, s)] };
        else if (where === 2 && p.session) more = { ...p, session: [withStatement(p.session[0]!, s)] };
        else if (p.resource) more = { ...p, resource: withStatement(p.resource, { ...s, Principal: who }) };
        else more = { ...p, identity: [...(p.identity ?? []), { id: 'extra', document: doc([s]) }] };
        expect(simulate(more, r).decision).toBe('Allow');
      }),
      RUNS,
    );
  });

  it('a permissions boundary only ever restricts', () => {
    fc.assert(
      fc.property(policies, policy(false), request, (p, boundary, r) => {
        const { boundary: _ignored, ...without } = p;
        const bounded = simulate({ ...without, boundary: [{ id: 'boundary', document: boundary }] }, r);
        if (allowed(bounded)) expect(simulate(without, r).decision).toBe('Allow');
      }),
      RUNS,
    );
  });

  it('a session policy only ever restricts', () => {
    fc.assert(
      fc.property(policies, policy(false), request, (p, session, r) => {
        const { session: _ignored, ...without } = p;
        const limited = simulate({ ...without, session: [{ id: 'session', document: session }] }, r);
        if (allowed(limited)) expect(simulate(without, r).decision).toBe('Allow');
      }),
      RUNS,
    );
  });

  it('statement and policy order never matter', () => {
    fc.assert(
      fc.property(policies, request, fc.integer(), (p, r, seed) => {
        const shuffle = <T>(xs: readonly T[]): T[] => {
          const out = [...xs];
          let s = seed;
          for (let i = out.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) & 0x7fffffff;
            const j = s % (i + 1);
            [out[i], out[j]] = [out[j]!, out[i]!];
          }
          return out;
        };
        const reorder = (q: PolicyInput): PolicyInput => {
          const d = q.document as { Statement: unknown[] };
          return { ...q, document: { ...d, Statement: shuffle(d.Statement) } };
        };
        const shuffled: SimulationPolicies = {
          identity: shuffle((p.identity ?? []).map(reorder)),
          ...(p.boundary && { boundary: p.boundary.map(reorder) }),
          ...(p.session && { session: p.session.map(reorder) }),
          ...(p.resource && { resource: reorder(p.resource) }),
        };
        const a = simulate(p, r);
        const b = simulate(shuffled, r);
        expect(b.decision).toBe(a.decision);
        expect(b.blockedBy).toBe(a.blockedBy);
        // Statement indexes move with the shuffle; compare what was matched by content.
        const count = (d: Decision) => d.matched.map((m) => `${m.policyId}:${m.effect}`).sort();
        expect(count(b)).toEqual(count(a));
      }),
      RUNS,
    );
  });
});

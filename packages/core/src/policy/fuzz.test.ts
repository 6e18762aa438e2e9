// Threat: a caller submits arbitrary JSON (or garbage text) as a policy to crash or stall the
// validator, or a crafted policy that makes compilation or evaluation throw instead of failing closed.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorize } from './authorize';
import { compilePolicy } from './compile';
import { parsePolicy } from './parse';
import { compilePolicySet } from './policy-set';
import type { PolicyKind } from './types';

const KINDS: PolicyKind[] = ['identity', 'resource', 'trust', 'boundary', 'session'];

/** JSON values that look like policies often enough to get past the first checks. */
const policyish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue(),
    fc.constantFrom('*', 's3:GetObject', 'arn:aws:s3:::b/*', '${aws:username}', 'Allow', 'Deny', '2012-10-17', '10.0.0.0/8', 'true'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.constantFrom(
        'Version',
        'Statement',
        'Effect',
        'Action',
        'NotAction',
        'Resource',
        'NotResource',
        'Principal',
        'NotPrincipal',
        'Condition',
        'Sid',
        'AWS',
        'StringEquals',
        'ForAllValues:StringLike',
        'IpAddress',
        'Null',
        'aws:SourceIp',
        'DateLessThan',
        'Bool',
      ),
      tie('value'),
      { maxKeys: 6 },
    ),
  ),
})).value;

describe('validator never throws', () => {
  it('on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom(...KINDS), (input, kind) => {
        const r = parsePolicy(input, kind);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('on arbitrary JSON text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), fc.constantFrom(...KINDS), (text, kind) => {
        expect(typeof parsePolicy(text, kind).ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('on policy-shaped values, through compile and authorize', () => {
    fc.assert(
      fc.property(policyish, fc.constantFrom(...KINDS), fc.jsonValue(), (input, kind, context) => {
        parsePolicy(input, kind);
        const policy = compilePolicy(input, { id: 'p', type: kind });
        const set = compilePolicySet(kind, [policy]);
        const slot = kind === 'trust' ? 'resource' : kind;
        const ctx = typeof context === 'object' && context !== null && !Array.isArray(context) ? (context as Record<string, never>) : {};
        const d = authorize(
          {
            principal: { arn: 'arn:aws:iam::111122223333:user/alice' },
            action: 's3:GetObject',
            resource: 'arn:aws:s3:::b/x',
            context: ctx,
          },
          { [slot]: set },
        );
        expect(['Allow', 'ExplicitDeny', 'ImplicitDeny']).toContain(d.decision);
      }),
      { numRuns: 1000 },
    );
  });

  it('validates and compiles a 5,000-statement document', () => {
    const statements = Array.from({ length: 5000 }, (_, i) => ({
      Sid: `S${i}`,
      Effect: i % 2 === 0 ? 'Allow' : 'Deny',
      Action: [`svc${i % 50}:Get*`, `svc${i % 50}:Put${i}`],
      Resource: `arn:aws:svc${i % 50}:us-east-1:111122223333:thing/${i}/*`,
      Condition: { StringEquals: { 'aws:PrincipalTag/team': ['a', 'b'] }, IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    }));
    const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    const r = parsePolicy(text, 'identity', { maxSize: Number.MAX_SAFE_INTEGER });
    const p = compilePolicy(text, { id: 'big', type: 'resource' });
    expect(r.ok).toBe(true);
    expect(p.statements).toHaveLength(5000);
    // How fast is measured by `npm run bench`, not asserted here: a timed test fails on a busy machine.
  });

  it('is fast on a long string value', () => {
    // Threat: a hostile pattern that stalls validation (catastrophic backtracking). The bound is far
    // above the milliseconds this takes; it only catches super-linear behaviour.
    const started = performance.now();
    const r = parsePolicy(
      { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: `s3:${'a*'.repeat(50_000)}b`, Resource: '${'.repeat(50_000) } },
      'identity',
    );
    expect(r.ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

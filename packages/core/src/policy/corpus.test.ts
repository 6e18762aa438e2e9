// Replays the decision corpus in test/policy-corpus against the pure engine.

import { describe, expect, it } from 'vitest';
import { policyCorpus } from '../../../../test/policy-corpus/index';
import { simulate } from './simulate';

const key = (m: { policyId: string; sid?: string }): string => `${m.policyId}#${m.sid ?? ''}`;

describe.each(policyCorpus.map((f) => [f.file, f] as const))('%s', (_name, file) => {
  it.each(file.cases.map((c) => [c.name, c] as const))('%s', (_caseName, c) => {
    const decision = simulate(c.policies, c.request);
    const explain = JSON.stringify(decision);
    expect(decision.decision, explain).toBe(c.expect.decision);
    if (c.expect.matched !== undefined) {
      expect(decision.matched.map(key).sort(), explain).toEqual(c.expect.matched.map(key).sort());
    }
    if (c.expect.decision === 'Allow') expect(decision.blockedBy, explain).toBeUndefined();
    if (c.expect.blockedBy !== undefined) expect(decision.blockedBy, explain).toBe(c.expect.blockedBy);
    if (c.expect.errors !== undefined) expect(decision.errors.length, explain).toBe(c.expect.errors);
    // Cases that do not mention errors must not produce any.
    else expect(decision.errors, explain).toEqual([]);
    if (c.expect.missingContextKeys !== undefined) {
      expect(decision.missingContextKeys, explain).toEqual(c.expect.missingContextKeys);
    }
  });
});

it('has at least 150 cases', () => {
  expect(policyCorpus.reduce((n, f) => n + f.cases.length, 0)).toBeGreaterThanOrEqual(150);
});

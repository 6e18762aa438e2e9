// Turns a principal's loaded policy documents (repo/effective-policies) into the engine's indexed
// policy sets. Compiling is the expensive part of a decision, so callers cache the result (the policy
// worker per principal; the identity worker per request).
import { compilePolicy } from '../policy/compile';
import { compilePolicySet } from '../policy/policy-set';
import type { PolicySets } from '../policy/authorize';
import type { EffectivePolicies, PolicySource } from '../repo/effective-policies';

export interface CompiledPrincipal {
  sets: PolicySets;
  tags: Record<string, string>;
}

export function compileEffective(eff: EffectivePolicies, sessionPolicies: readonly PolicySource[] = []): CompiledPrincipal {
  const identity = eff.identity.map((p) => compilePolicy(p.document, { id: p.id, type: 'identity' }));
  const sets: PolicySets = {
    identity: compilePolicySet('identity', identity),
    ...(eff.boundary
      ? { boundary: compilePolicySet('boundary', [compilePolicy(eff.boundary.document, { id: eff.boundary.id, type: 'boundary' })]) }
      : {}),
    ...(sessionPolicies.length > 0
      ? {
          session: compilePolicySet(
            'session',
            sessionPolicies.map((p) => compilePolicy(p.document, { id: p.id, type: 'session' })),
          ),
        }
      : {}),
  };
  return { sets, tags: eff.tags };
}

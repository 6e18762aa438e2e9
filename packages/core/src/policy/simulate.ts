// One-call evaluation from raw policy documents: compile, index, authorize. Handy for the policy
// simulator API and the test corpus; hot paths should keep compiled sets and call authorize directly.

import { authorize, type PolicySets } from './authorize';
import { compilePolicy, type CompiledPolicy } from './compile';
import { compilePolicySet } from './policy-set';
import type { AuthorizationRequest, Decision, PolicyType } from './types';

/** A policy as stored: an id for decisions to name, and the document (JSON text or value). */
export interface PolicyInput {
  readonly id: string;
  readonly document: unknown;
}

export interface SimulationPolicies {
  readonly identity?: readonly PolicyInput[];
  readonly boundary?: readonly PolicyInput[];
  readonly session?: readonly PolicyInput[];
  /** a resource-based policy */
  readonly resource?: PolicyInput;
  /** a role's trust policy (instead of `resource`, for sts:AssumeRole*) */
  readonly trust?: PolicyInput;
}

export function compileSets(policies: SimulationPolicies): PolicySets {
  const set = (type: PolicyType, list: readonly PolicyInput[] | undefined) =>
    list === undefined
      ? undefined
      : compilePolicySet(
          type,
          list.map((p): CompiledPolicy => compilePolicy(p.document, { id: p.id, type })),
        );
  const resource =
    policies.trust !== undefined ? set('trust', [policies.trust]) : set('resource', policies.resource && [policies.resource]);
  return {
    ...optional('identity', set('identity', policies.identity)),
    ...optional('boundary', set('boundary', policies.boundary)),
    ...optional('session', set('session', policies.session)),
    ...optional('resource', resource),
  };
}

export function simulate(policies: SimulationPolicies, request: AuthorizationRequest): Decision {
  return authorize(request, compileSets(policies));
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

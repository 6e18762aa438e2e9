// Evaluates one policy set against a request: which statements apply, split into allows and denies,
// and for resource policies how the principal was named. A statement applies when its Action,
// Principal, Resource and every condition match (elements AND, condition keys AND, values OR).

import type { CompiledStatement } from './compile';
import { EvalError } from './conditions/family';
import { evaluateCondition } from './conditions/evaluate';
import type { EvalState } from './eval-state';
import { resourceMatches } from './matchers';
import type { CompiledPolicySet } from './policy-set';
import { excludedByNotPrincipal, matchPrincipal, type PrincipalMatch } from './principal';
import type { PolicyError } from './types';

/** Strength of a principal match, so the strongest allowing statement wins. */
const STRENGTH: Readonly<Record<PrincipalMatch, number>> = { none: 0, account: 1, role: 2, direct: 3 };

export interface SetOutcome {
  allows: CompiledStatement[] | undefined;
  denies: CompiledStatement[] | undefined;
  /** strongest principal match among the allowing statements (resource and trust policies) */
  principal: PrincipalMatch;
}

export function evaluateSet(set: CompiledPolicySet, state: EvalState, errors: PolicyError[]): SetOutcome {
  const out: SetOutcome = { allows: undefined, denies: undefined, principal: 'none' };
  const candidates = set.candidates(state.action);
  for (let i = 0; i < candidates.length; i++) {
    const s = candidates[i]!;
    if (s.error !== undefined) {
      // Fail closed: an errored Deny denies, an errored Allow never allows.
      errors.push({ policyId: s.policyId, policyType: s.policyType, statementIndex: s.index, message: s.error });
      if (s.effect === 'Deny') (out.denies ??= []).push(s);
      continue;
    }
    let how: PrincipalMatch = 'direct';
    if (s.principal !== undefined) {
      how = s.notPrincipal
        ? excludedByNotPrincipal(s.principal, state.principal)
          ? 'none'
          : 'direct'
        : matchPrincipal(s.principal, state.principal);
      if (how === 'none') continue;
    }
    if (s.resources !== undefined && !resourceMatches(s.resources, state)) continue;
    if (s.conditions.length > 0) {
      let ok: boolean;
      try {
        ok = conditionsHold(s, state);
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        errors.push({ policyId: s.policyId, policyType: s.policyType, statementIndex: s.index, message: e.message });
        if (s.effect === 'Deny') (out.denies ??= []).push(s);
        continue;
      }
      if (!ok) continue;
    }
    if (s.effect === 'Deny') (out.denies ??= []).push(s);
    else {
      (out.allows ??= []).push(s);
      if (STRENGTH[how] > STRENGTH[out.principal]) out.principal = how;
    }
  }
  return out;
}

function conditionsHold(s: CompiledStatement, state: EvalState): boolean {
  const conditions = s.conditions;
  for (let i = 0; i < conditions.length; i++) {
    if (!evaluateCondition(conditions[i]!, state)) return false;
  }
  return true;
}

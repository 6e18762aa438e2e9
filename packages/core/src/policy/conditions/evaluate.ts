// Compiles one (operator, key, values) condition and evaluates it against a request. This is where
// AWS's rules for missing keys, `IfExists`, set quantifiers and negation live, once for every family:
//
// - values in the policy are OR-ed: a request value matches when it matches any policy value;
// - a negated operator (StringNotEquals, NotIpAddress ...) matches a request value when it matches
//   none of the policy values ("not any of");
// - without a set prefix a multi-valued key matches when any request value matches (for negated
//   operators: when no request value matches any policy value);
// - `ForAllValues:` needs every request value to match (true for a missing key or empty set) and
//   `ForAnyValue:` needs at least one (false for a missing key or empty set);
// - a missing key makes the condition false, except for negated operators (true), `IfExists`
//   (true) and `Null` (which tests exactly that);
// - a policy value whose variable has no value matches nothing; under a negated operator an Allow
//   fails instead, so that a missing value never grants (see UnresolvedRule in ../variables.ts).

import type { EvalState } from '../eval-state';
import type { Effect } from '../types';
import {
  isDynamic,
  parseTemplate,
  resolveTemplate,
  staticParts,
  unresolvedRule,
  type TemplatePart,
  type UnresolvedRule,
} from '../variables';
import { EvalError, InvalidValue } from './family';
import { parseOperator, type OperatorSpec } from './operators';
import { parseBool } from './bool';

export interface CompiledCondition {
  readonly operator: string;
  readonly key: string;
  readonly keyLower: string;
  readonly spec: OperatorSpec;
  readonly negated: boolean;
  /** prepared static policy values */
  readonly values: readonly unknown[];
  /** policy values with variables, resolved per request */
  readonly templates: readonly (readonly TemplatePart[])[];
  /** what a template whose variable has no value does under a negated operator (the effect decides) */
  readonly unresolved: UnresolvedRule;
  /** for Null: which presence states satisfy the condition */
  readonly whenAbsent: boolean;
  readonly whenPresent: boolean;
}

export type ConditionCompileResult =
  { readonly ok: true; readonly condition: CompiledCondition } | { readonly ok: false; readonly errors: readonly string[] };

/** `effect` is the statement's: it decides what a variable without a value does (see UnresolvedRule). */
export function compileCondition(
  operator: string,
  key: string,
  raw: readonly string[],
  variablesEnabled: boolean,
  effect: Effect,
): ConditionCompileResult {
  const spec = parseOperator(operator);
  if ('error' in spec) return { ok: false, errors: [spec.error] };
  const family = spec.base.family;
  const errors: string[] = [];
  const values: unknown[] = [];
  const templates: TemplatePart[][] = [];
  let whenAbsent = false;
  let whenPresent = false;
  for (const text of raw) {
    if (family === undefined) {
      const b = parseBool(text);
      if (b === undefined) errors.push(`\`Null\` takes \`true\` or \`false\`, not \`${text}\``);
      else if (b) whenAbsent = true;
      else whenPresent = true;
      continue;
    }
    const parts: TemplatePart[] = variablesEnabled && family.variables ? parseTemplate(text) : [{ kind: 'text', text }];
    if (isDynamic(parts)) {
      templates.push(parts);
      continue;
    }
    const value = family.policyValue(staticParts(parts, family.lowerCase));
    if (value instanceof InvalidValue) errors.push(value.message);
    else values.push(value);
  }
  if (errors.length > 0) return { ok: false, errors };
  const condition: CompiledCondition = {
    operator,
    key,
    keyLower: key.toLowerCase(),
    spec,
    negated: spec.base.negated,
    values,
    templates,
    unresolved: unresolvedRule(effect),
    whenAbsent,
    whenPresent,
  };
  return { ok: true, condition };
}

/** Evaluates one condition; throws EvalError when a request value has the wrong type. */
export function evaluateCondition(c: CompiledCondition, state: EvalState): boolean {
  const requestValues = state.values(c.keyLower);
  const family = c.spec.base.family;
  if (family === undefined) return requestValues === undefined ? c.whenAbsent : c.whenPresent;
  if (requestValues === undefined) {
    state.noteMissing(c.key);
    if (c.spec.ifExists || c.spec.set === 'ForAllValues') return true;
    if (c.spec.set === 'ForAnyValue') return false;
    return c.negated;
  }
  let policyValues = c.values;
  if (c.templates.length > 0) {
    const resolved = c.values.slice();
    let unresolved = false;
    for (const t of c.templates) {
      const parts = resolveTemplate(t, state, family.lowerCase);
      if (parts === undefined) {
        unresolved = true;
        continue;
      }
      const v = family.policyValue(parts);
      if (v instanceof InvalidValue) throw new EvalError(`condition \`${c.operator}\` on \`${c.key}\`: ${v.message}`);
      resolved.push(v);
    }
    // A value with no value matches nothing (AWS), so a negated operator holds unless another value
    // matches; in an Allow the condition fails instead, so that a missing value never grants.
    if (unresolved && c.negated && c.unresolved === 'element-fails') return false;
    policyValues = resolved;
  }
  // Without a prefix, positive operators need some request value to match and negated ones need all.
  const needAll = c.spec.set === 'ForAllValues' || (c.spec.set === 'none' && c.negated);
  for (const raw of requestValues) {
    const r = family.requestValue(raw);
    if (r === undefined) {
      throw new EvalError(`context key \`${c.key}\` has value \`${raw}\`, but \`${c.operator}\` needs ${family.expects}`);
    }
    let any = false;
    for (const p of policyValues) {
      if (family.test(r, p)) {
        any = true;
        break;
      }
    }
    const ok = c.negated ? !any : any;
    if (needAll && !ok) return false;
    if (!needAll && ok) return true;
  }
  return needAll;
}

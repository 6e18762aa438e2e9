// Validates a Condition block: known operators, condition keys shaped `prefix:name`, scalar values
// of the operator's type. Normalises values to strings (JSON `true` becomes `"true"`).

import { compileCondition } from './conditions/evaluate';
import { parseOperator } from './conditions/operators';
import { Diagnostics, isRecord, jsonType, show } from './diagnostics';
import type { ConditionBlock } from './types';
import { parseTemplate } from './variables';

export function validateCondition(value: unknown, path: string, variables: boolean, d: Diagnostics): ConditionBlock | undefined {
  if (!isRecord(value)) {
    d.error(path, 'invalid-type', `\`Condition\` must be an object of operators, not ${jsonType(value)}`);
    return undefined;
  }
  const before = d.errors.length;
  const block: Record<string, Record<string, string[]>> = {};
  for (const operator of Object.keys(value)) {
    const op = `${path}.${operator}`;
    const spec = parseOperator(operator);
    if ('error' in spec) {
      // IAM accepts an unknown operator with no condition keys (`{"a": {}}`): it tests nothing.
      const keys = value[operator];
      if (isRecord(keys) && Object.keys(keys).length === 0) {
        d.warn(op, 'empty-unknown-operator', `${spec.error}; with no condition keys it tests nothing, so remove it`);
      } else d.error(op, 'unknown-operator', spec.error);
      continue;
    }
    if (spec.name !== operator) d.warn(op, 'operator-spelling', `write \`${operator}\` as \`${spec.name}\``);
    const keys = value[operator];
    if (!isRecord(keys)) {
      d.error(op, 'invalid-type', `\`${operator}\` must be an object of condition keys, not ${jsonType(keys)}`);
      continue;
    }
    const entries: Record<string, string[]> = {};
    for (const key of Object.keys(keys)) {
      const kp = `${op}.${key}`;
      if (!/^[^:\s]+:\S+$/.test(key))
        d.warn(kp, 'condition-key-format', `condition key \`${show(key)}\` should look like \`prefix:name\`, e.g. \`aws:SourceIp\``);
      const values = conditionValues(keys[key], kp, d);
      if (values === undefined) continue;
      const family = spec.base.family;
      values.forEach((v, i) => {
        if (family !== undefined && !family.variables && v.includes('${')) {
          d.warn(
            `${kp}[${i}]`,
            'variable-not-allowed',
            `policy variables are only substituted in string and ARN conditions; \`${show(v)}\` is read literally`,
          );
        } else if (family !== undefined) checkVariables(v, `${kp}[${i}]`, 'Condition', variables, d);
      });
      // Only whether the values compile matters here; the effect changes evaluation, not validity.
      const compiled = compileCondition(operator, key, values, variables, 'Allow');
      if (!compiled.ok) for (const message of compiled.errors) d.error(kp, 'invalid-condition-value', message);
      else entries[key] = values;
    }
    block[operator] = entries;
  }
  return d.errors.length === before ? block : undefined;
}

function conditionValues(value: unknown, path: string, d: Diagnostics): string[] | undefined {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (list.length === 0) {
    // IAM accepts `{"key": []}`. No policy value matches anything: the condition is false, and true
    // under a negated operator ("not any of" nothing).
    d.warn(path, 'empty-values', 'a condition key with no values never matches (a negated operator always does); give at least one value');
    return [];
  }
  const out: string[] = [];
  list.forEach((v, i) => {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
    else
      d.error(
        Array.isArray(value) ? `${path}[${i}]` : path,
        'invalid-type',
        `condition values must be strings, numbers or booleans, not ${jsonType(v)}`,
      );
  });
  return out.length === list.length ? out : undefined;
}

/** Warns about variables that will be matched literally or are malformed. */
export function checkVariables(value: string, path: string, name: string, variables: boolean, d: Diagnostics): void {
  if (!value.includes('${')) return;
  if (!variables) {
    d.warn(
      path,
      'variable-ignored',
      `policy variables need \`"Version": "2012-10-17"\`; \`${show(value)}\` in \`${name}\` is matched literally`,
    );
    return;
  }
  const problems: { message: string }[] = [];
  parseTemplate(value, problems);
  for (const problem of problems) d.warn(path, 'malformed-variable', `${problem.message}; it is matched literally`);
}

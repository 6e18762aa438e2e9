// Validates one statement and normalises it (single values to arrays, condition scalars to strings).
// Always returns a draft, even for a broken statement, so the compiler can fail closed on exactly the
// statements that are wrong instead of dropping the whole policy.

import { isWellFormedArn } from './arn';
import { checkIamResources, checkTrustActions, resourceProblem } from './iam-rules';
import { checkVariables, validateCondition } from './validate-condition';
import { Diagnostics, isRecord, jsonType, show, suggest } from './diagnostics';
import { classifyAwsPrincipal } from './principal';
import type { ConditionBlock, Effect, PolicyKind, PrincipalSpec } from './types';

export interface StatementDraft {
  readonly index: number;
  readonly path: string;
  sid?: string;
  effect?: Effect;
  principal?: PrincipalSpec;
  notPrincipal?: PrincipalSpec;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  condition?: ConditionBlock;
  /** number of errors found in this statement */
  errors: number;
}

const ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];
// IAM accepts whitespace inside the action part (`s3:Get Object`); such an action matches nothing, so
// it is a warning, not an error. The service prefix stays strict.
const ACTION = /^[A-Za-z0-9*?_.-]+:[A-Za-z0-9*?_.\s-]+$/;
const SID = /^[A-Za-z0-9]*$/;

export function validateStatement(
  raw: unknown,
  index: number,
  path: string,
  kind: PolicyKind,
  variables: boolean,
  d: Diagnostics,
  /** also apply the rules IAM enforces on save (iam-rules.ts) */
  iam = false,
): StatementDraft {
  const before = d.errors.length;
  const draft: StatementDraft = { index, path, errors: 0 };
  const done = (): StatementDraft => {
    draft.errors = d.errors.length - before;
    return draft;
  };
  if (!isRecord(raw)) {
    d.error(path, 'invalid-type', `a statement must be an object, not ${jsonType(raw)}`);
    return done();
  }
  for (const key of Object.keys(raw)) {
    if (!ELEMENTS.includes(key))
      d.error(`${path}.${key}`, 'unknown-element', `unknown statement element \`${key}\`${suggest(key, ELEMENTS)}`);
  }

  if (Object.hasOwn(raw, 'Sid')) {
    const sid = raw['Sid'];
    if (typeof sid !== 'string') d.error(`${path}.Sid`, 'invalid-type', `\`Sid\` must be a string, not ${jsonType(sid)}`);
    else {
      draft.sid = sid;
      if (kind !== 'resource' && !SID.test(sid)) {
        d.error(`${path}.Sid`, 'invalid-sid', `\`Sid\` \`${show(sid)}\` may only contain letters and digits`);
      }
    }
  }

  const effect = raw['Effect'];
  if (effect === undefined) d.error(`${path}.Effect`, 'missing-effect', 'a statement needs `Effect`: `Allow` or `Deny`');
  else if (effect === 'Allow' || effect === 'Deny') draft.effect = effect;
  else d.error(`${path}.Effect`, 'invalid-effect', `\`Effect\` must be \`Allow\` or \`Deny\`, not \`${show(effect)}\``);

  validatePrincipals(raw, path, kind, draft, d);
  validateActions(raw, path, draft, d);
  validateResources(raw, path, kind, variables, draft, d, iam);
  if (iam && kind === 'trust') {
    for (const name of ['Action', 'NotAction'] as const) {
      const values = name === 'Action' ? draft.action : draft.notAction;
      if (values !== undefined) checkTrustActions(values, name, valuePath(raw, path, name), d);
    }
  }

  if (Object.hasOwn(raw, 'Condition')) {
    const block = validateCondition(raw['Condition'], `${path}.Condition`, variables, d);
    if (block !== undefined) draft.condition = block;
  }

  if (draft.effect === 'Allow' && draft.notAction !== undefined && draft.resource?.includes('*')) {
    d.warn(
      path,
      'allow-notaction-all-resources',
      '`Allow` with `NotAction` on `Resource` `*` grants every other action on every resource; list the actions to allow instead',
    );
  }
  return done();
}

/** The JSON path of value i of a string-or-array element. */
const valuePath = (raw: Record<string, unknown>, path: string, name: string) => (i: number) =>
  Array.isArray(raw[name]) ? `${path}.${name}[${i}]` : `${path}.${name}`;

/** A string or non-empty array of strings, as IAM accepts for Action, Resource and principal values. */
export function stringList(value: unknown, path: string, name: string, d: Diagnostics): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) {
    d.error(path, 'invalid-type', `\`${name}\` must be a string or an array of strings, not ${jsonType(value)}`);
    return undefined;
  }
  if (value.length === 0) {
    d.error(path, 'empty-values', `\`${name}\` must not be an empty array`);
    return undefined;
  }
  const out: string[] = [];
  value.forEach((v: unknown, i) => {
    if (typeof v === 'string') out.push(v);
    else d.error(`${path}[${i}]`, 'invalid-type', `\`${name}\` values must be strings, not ${jsonType(v)}`);
  });
  return out.length === value.length ? out : undefined;
}

function validatePrincipals(raw: Record<string, unknown>, path: string, kind: PolicyKind, draft: StatementDraft, d: Diagnostics): void {
  const hasP = Object.hasOwn(raw, 'Principal');
  const hasNP = Object.hasOwn(raw, 'NotPrincipal');
  const allowed = kind === 'resource' || kind === 'trust';
  if (!allowed) {
    if (hasP)
      d.error(
        `${path}.Principal`,
        'prohibited-principal',
        `${kind} policies cannot have \`Principal\`; it applies to whoever the policy is attached to`,
      );
    if (hasNP)
      d.error(
        `${path}.NotPrincipal`,
        'prohibited-principal',
        `${kind} policies cannot have \`NotPrincipal\`; it applies to whoever the policy is attached to`,
      );
    return;
  }
  if (hasP && hasNP) d.error(path, 'principal-and-notprincipal', 'use either `Principal` or `NotPrincipal`, not both');
  if (!hasP && !hasNP)
    d.error(`${path}.Principal`, 'missing-principal', `${kind} policies need \`Principal\` (or \`NotPrincipal\`) in every statement`);
  if (hasP) {
    const p = principalSpec(raw['Principal'], `${path}.Principal`, 'Principal', d);
    if (p !== undefined) draft.principal = p;
  }
  if (hasNP) {
    const p = principalSpec(raw['NotPrincipal'], `${path}.NotPrincipal`, 'NotPrincipal', d);
    if (p !== undefined) draft.notPrincipal = p;
    if (kind === 'trust')
      d.warn(
        `${path}.NotPrincipal`,
        'notprincipal-in-trust',
        '`NotPrincipal` in a trust policy lets almost anyone assume the role; name the principals with `Principal`',
      );
  }
}

function principalSpec(value: unknown, path: string, name: string, d: Diagnostics): PrincipalSpec | undefined {
  if (value === '*') return '*';
  if (!isRecord(value)) {
    d.error(path, 'invalid-principal', `\`${name}\` must be \`*\` or an object such as \`{"AWS": "arn:aws:iam::123456789012:root"}\``);
    return undefined;
  }
  const spec: Record<string, string[]> = {};
  const before = d.errors.length;
  for (const type of Object.keys(value)) {
    const p = `${path}.${type}`;
    if (!PRINCIPAL_TYPES.includes(type)) {
      d.error(
        p,
        'invalid-principal',
        `unknown principal type \`${type}\`; use \`AWS\`, \`Service\`, \`Federated\` or \`CanonicalUser\`${suggest(type, PRINCIPAL_TYPES)}`,
      );
      continue;
    }
    const values = stringList(value[type], p, `${name}.${type}`, d);
    if (values === undefined) continue;
    const at = (i: number): string => (Array.isArray(value[type]) ? `${p}[${i}]` : p);
    values.forEach((v, i) => {
      if (v.includes('${')) d.error(at(i), 'variable-not-allowed', `policy variables are not allowed in \`${name}\`: \`${v}\``);
      else if (type === 'AWS') {
        const c = classifyAwsPrincipal(v);
        if ('error' in c) d.error(at(i), 'invalid-principal', c.error);
      } else if (v.length === 0) d.error(at(i), 'invalid-principal', `\`${name}.${type}\` values must not be empty`);
    });
    spec[type] = values;
  }
  if (Object.keys(value).length === 0) d.error(path, 'invalid-principal', `\`${name}\` must name at least one principal`);
  return d.errors.length === before ? spec : undefined;
}

function validateActions(raw: Record<string, unknown>, path: string, draft: StatementDraft, d: Diagnostics): void {
  const hasA = Object.hasOwn(raw, 'Action');
  const hasNA = Object.hasOwn(raw, 'NotAction');
  if (hasA && hasNA) d.error(path, 'action-and-notaction', 'use either `Action` or `NotAction`, not both');
  if (!hasA && !hasNA)
    d.error(`${path}.Action`, 'missing-action', 'a statement needs `Action` or `NotAction`', 'Policy statement must contain actions.');
  for (const name of ['Action', 'NotAction'] as const) {
    if (!Object.hasOwn(raw, name)) continue;
    const p = `${path}.${name}`;
    const before = d.errors.length;
    const values = stringList(raw[name], p, name, d);
    if (values === undefined) continue;
    const isArray = Array.isArray(raw[name]);
    values.forEach((v, i) => {
      const vp = isArray ? `${p}[${i}]` : p;
      if (v.includes('${'))
        d.warn(vp, 'variable-not-allowed', `policy variables are not supported in \`${name}\`; \`${v}\` is matched literally`);
      if (v !== '*' && !ACTION.test(v)) {
        const colons = v.split(':').length - 1;
        d.error(
          vp,
          'invalid-action',
          `\`${show(v)}\` is not a valid action; \`${name}\` values must be \`service:action\` (wildcards allowed) or \`*\``,
          colons === 0
            ? 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'
            : colons > 1
              ? 'Actions/Condition can contain only one colon.'
              : undefined,
        );
      } else if (/\s/.test(v)) {
        d.warn(vp, 'action-whitespace', `\`${show(v)}\` contains whitespace, so it matches no action; remove the spaces`);
      }
    });
    if (d.errors.length !== before) continue;
    if (name === 'Action') draft.action = values;
    else draft.notAction = values;
  }
}

function validateResources(
  raw: Record<string, unknown>,
  path: string,
  kind: PolicyKind,
  variables: boolean,
  draft: StatementDraft,
  d: Diagnostics,
  iam: boolean,
): void {
  const hasR = Object.hasOwn(raw, 'Resource');
  const hasNR = Object.hasOwn(raw, 'NotResource');
  if (kind === 'trust') {
    const prohibited = 'Has prohibited field Resource.';
    if (hasR)
      d.error(
        `${path}.Resource`,
        'prohibited-resource',
        'trust policies cannot have `Resource`; the resource is the role itself',
        prohibited,
      );
    if (hasNR)
      d.error(
        `${path}.NotResource`,
        'prohibited-resource',
        'trust policies cannot have `NotResource`; the resource is the role itself',
        prohibited,
      );
    return;
  }
  if (hasR && hasNR) d.error(path, 'resource-and-notresource', 'use either `Resource` or `NotResource`, not both');
  if (!hasR && !hasNR)
    d.error(
      `${path}.Resource`,
      'missing-resource',
      'a statement needs `Resource` or `NotResource`',
      'Policy statement must contain resources.',
    );
  for (const name of ['Resource', 'NotResource'] as const) {
    if (!Object.hasOwn(raw, name)) continue;
    const p = `${path}.${name}`;
    const values = stringList(raw[name], p, name, d);
    if (values === undefined) continue;
    const isArray = Array.isArray(raw[name]);
    const errorsBefore = d.errors.length;
    if (iam) checkIamResources(values, name, valuePath(raw, path, name), d);
    values.forEach((v, i) => {
      const vp = isArray ? `${p}[${i}]` : p;
      checkVariables(v, vp, name, variables, d);
      if (v !== '*' && !isWellFormedArn(v) && (!iam || resourceProblem(v) === undefined)) {
        d.warn(
          vp,
          'malformed-arn',
          `\`${show(v)}\` is not an ARN (\`arn:partition:service:region:account:resource\`) or \`*\`; it is matched as a plain pattern`,
        );
      }
    });
    if (d.errors.length !== errorsBefore) continue;
    if (name === 'Resource') draft.resource = values;
    else draft.notResource = values;
  }
}

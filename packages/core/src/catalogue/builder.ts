// The visual policy editor's model and its document builder: a draft is a list of statements, each for
// one service (effect, actions, resources, conditions), and the builder turns it into the policy JSON.
// Pure, so the console's steps stay thin and the JSON for a given set of choices can be checked against
// hand-written documents. The console carries a draft between steps in a form field; schema.ts checks it.
import { compileGlob, matchGlob } from '../policy/glob';
import { getService, type ActionInfo } from './actions';
import { actionDetails, fillArn } from './details';

export type Effect = 'Allow' | 'Deny';

export interface DraftCondition {
  /** `StringEquals`, `ForAnyValue:StringLike`, `IpAddress` ... */
  readonly operator: string;
  /** `aws:SourceIp`, `aws:ResourceTag/team` */
  readonly key: string;
  readonly values: readonly string[];
}

export interface DraftStatement {
  readonly sid?: string;
  readonly effect: Effect;
  /** service prefix: `s3` */
  readonly service: string;
  /** action names of the service (`GetObject`) or patterns within it (`Get*`); `['*']` is every action */
  readonly actions: readonly string[];
  /** ARNs, or `['*']` for all resources */
  readonly resources: readonly string[];
  readonly conditions: readonly DraftCondition[];
}

export interface Draft {
  readonly id?: string;
  readonly statements: readonly DraftStatement[];
}

export const POLICY_VERSION = '2012-10-17';

const one = (values: readonly string[]): string | string[] => (values.length === 1 ? values[0]! : [...values]);

/** The Condition element: operator -> key -> value (one value as a string, as people write it). */
export function conditionJson(conditions: readonly DraftCondition[]): Record<string, Record<string, string | string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const c of conditions) {
    const keys = (out[c.operator] ??= {});
    const values = (keys[c.key] ??= []);
    for (const v of c.values) if (!values.includes(v)) values.push(v);
  }
  return Object.fromEntries(
    Object.entries(out).map(([op, keys]) => [op, Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, one(v)]))]),
  );
}

/** One draft statement as policy JSON, in the element order AWS's editors write. */
export function statementJson(s: DraftStatement): Record<string, unknown> {
  return {
    ...(s.sid !== undefined && { Sid: s.sid }),
    Effect: s.effect,
    Action: one(s.actions.map((a) => `${s.service}:${a}`)),
    Resource: one(s.resources),
    ...(s.conditions.length > 0 && { Condition: conditionJson(s.conditions) }),
  };
}

/** The policy document for a draft. */
export function buildPolicyDocument(draft: Draft): Record<string, unknown> {
  return {
    Version: POLICY_VERSION,
    ...(draft.id !== undefined && { Id: draft.id }),
    Statement: draft.statements.map(statementJson),
  };
}

/** The document as the editor shows and hands it on: indented two spaces. */
export const policyText = (draft: Draft): string => JSON.stringify(buildPolicyDocument(draft), null, 2);

/** An ARN from a resource type's pattern: `${Partition}` is `aws`, each other part its value or `*` (Any). */
export const buildArn = (pattern: string, values: Readonly<Record<string, string>> = {}): string => fillArn(pattern, values);

/** CamelCase words of an action name: `DescribeInstanceStatus` -> Describe, Instance, Status. */
const words = (name: string) => name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[0-9]+/g) ?? [name];

/**
 * A long list of action names written shorter, the way AWS's own policies are (`ec2:Describe*`): each
 * name is replaced by the shortest word-prefix wildcard whose matches in the service are all chosen
 * and number at least two. Short lists stay explicit, so a person sees exactly what they picked.
 */
export function compactActions(service: string, names: readonly string[], threshold = 20): string[] {
  const svc = getService(service);
  if (!svc || names.length <= threshold) return [...names];
  const chosen = new Set(names.map((n) => n.toLowerCase()));
  const all = svc.actions.map((a) => a.name.toLowerCase());
  const out = new Set<string>();
  for (const name of names) {
    const w = words(name);
    let pattern = name;
    for (let n = 1; n < w.length; n++) {
      const prefix = w.slice(0, n).join('').toLowerCase();
      const matched = all.filter((a) => a.startsWith(prefix));
      if (matched.length >= 2 && matched.every((a) => chosen.has(a))) {
        pattern = `${w.slice(0, n).join('')}*`;
        break;
      }
    }
    out.add(pattern);
  }
  return [...out];
}

/** An action that no resource type applies to (`s3:ListAllMyBuckets`): its Resource is always `*`. */
const takesNoResource = (service: string, name: string): boolean => {
  const action = getService(service)?.byName.get(name.toLowerCase());
  return action !== undefined && (actionDetails(action)?.resourceTypes.length ?? 0) === 0;
};

/**
 * The statements a finished step produces. Actions that take no resource would never match specific
 * ARNs, so, as AWS's visual editor does, they move to a statement of their own on `*` (with the same
 * effect and conditions). Long action lists are compacted to wildcards (compactActions).
 */
export function completeStatement(s: DraftStatement): DraftStatement[] {
  if (s.actions.includes('*')) return [{ ...s, actions: ['*'] }];
  const actions = s.actions;
  if (s.resources.includes('*')) return [{ ...s, actions: compactActions(s.service, actions), resources: ['*'] }];
  const anywhere = actions.filter((a) => takesNoResource(s.service, a));
  const specific = actions.filter((a) => !anywhere.includes(a));
  const out: DraftStatement[] = [];
  if (specific.length > 0) out.push({ ...s, actions: compactActions(s.service, specific) });
  if (anywhere.length > 0) out.push({ ...s, actions: compactActions(s.service, anywhere), resources: ['*'] });
  return out;
}

/** The actions a draft statement names, as catalogue entries (patterns expanded). */
export function statementActions(s: Pick<DraftStatement, 'service' | 'actions'>): ActionInfo[] {
  const svc = getService(s.service);
  if (!svc) return [];
  if (s.actions.includes('*')) return [...svc.actions];
  const globs = s.actions.map((a) => compileGlob(a.toLowerCase()));
  return svc.actions.filter((a) => globs.some((g) => matchGlob(g, a.name.toLowerCase())));
}

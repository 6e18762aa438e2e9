// The catalogue's details, which only the console's editors need: each service's resource types with
// their ARN patterns, its condition keys with their types, each action's resource types (required or
// not) and condition keys, and the global `aws:` keys (sar-details.json). Kept apart from actions.ts so a
// worker that only checks names does not carry them.
import { resourceProblem } from '../policy/iam-rules';
import data from './sar-details.json';
import { getService, type ActionInfo } from './actions';

interface RawDetails {
  readonly resources: Record<string, readonly [string, readonly string[]]>;
  readonly conditions: Record<string, string>;
  /** per action in name order: `"<resource type indices, * = required>|<condition key indices>"` */
  readonly actions: readonly string[];
}
const RAW = data as unknown as {
  readonly version: string;
  readonly globalConditionKeys: Record<string, string>;
  readonly services: Record<string, RawDetails>;
};

/** A condition key's type as the reference names it: String, ArrayOfString, ARN, Bool, Numeric, Date, IPAddress ... */
export interface ConditionKey {
  /** as the reference spells it: `s3:prefix`, `aws:ResourceTag/${TagKey}` */
  readonly key: string;
  readonly type: string;
}

export interface ResourceType {
  readonly name: string;
  /** `arn:${Partition}:s3:::${BucketName}/${ObjectName}` */
  readonly arn: string;
  readonly conditionKeys: readonly string[];
  /** IAM accepts this type's ARNs in `Resource` (it refuses a few the reference lists, e.g. `iam` `assumed-role`) */
  readonly accepted: boolean;
  /** IAM accepts "any" of this type, every part `*` (not when a part is the ARN's service, as for `backup` recovery points) */
  readonly anyAccepted: boolean;
}

export interface ActionDetails extends ActionInfo {
  readonly resourceTypes: readonly { readonly name: string; readonly required: boolean }[];
  readonly conditionKeys: readonly string[];
}

const rawOf = (prefix: string) => (Object.hasOwn(RAW.services, prefix.toLowerCase()) ? RAW.services[prefix.toLowerCase()] : undefined);

/** A service's resource types, in name order. */
export function resourceTypes(prefix: string): ResourceType[] {
  const raw = rawOf(prefix);
  if (!raw) return [];
  return Object.entries(raw.resources).map(([name, [arn, keys]]) => {
    const example = Object.fromEntries(arnParts(arn).map((p) => [p, p === 'Account' ? '123456789012' : 'example']));
    return {
      name,
      arn,
      conditionKeys: keys,
      accepted: resourceProblem(fillArn(arn, example)) === undefined,
      anyAccepted: resourceProblem(fillArn(arn, {})) === undefined,
    };
  });
}

/** An ARN from a pattern: `${Partition}` is `aws`, each other part its value or `*` (the builder's buildArn). */
export function fillArn(pattern: string, values: Readonly<Record<string, string>>): string {
  return pattern.replace(/\$\{([^}]+)\}/g, (_, part: string) => (part === 'Partition' ? 'aws' : values[part]?.trim() || '*'));
}

/** IAM's message for a Resource value it refuses on save, or undefined when it accepts it. */
export const resourceArnProblem = (arn: string): string | undefined => resourceProblem(arn);

/** A service's own condition keys (and the `aws:` keys its actions document), in name order. */
export function serviceConditionKeys(prefix: string): ConditionKey[] {
  const raw = rawOf(prefix);
  return raw ? Object.entries(raw.conditions).map(([key, type]) => ({ key, type })) : [];
}

/** The global condition keys (`aws:SourceIp`, `aws:PrincipalTag/tag-key` ...) with their types. */
export const globalConditionKeys = (): ConditionKey[] => Object.entries(RAW.globalConditionKeys).map(([key, type]) => ({ key, type }));

/** An action's resource types and condition keys; undefined for an unknown action. */
export function actionDetails(action: ActionInfo): ActionDetails | undefined {
  const service = getService(action.service);
  const raw = rawOf(action.service);
  if (!service || !raw) return undefined;
  const index = service.actions.indexOf(action);
  const entry = raw.actions[index];
  if (index < 0 || entry === undefined) return undefined;
  const types = Object.keys(raw.resources);
  const keys = Object.keys(raw.conditions);
  const [res = '', cond = ''] = entry.split('|');
  return {
    ...action,
    resourceTypes: res
      .split(' ')
      .filter(Boolean)
      .map((r) => ({ name: types[Number.parseInt(r, 10)]!, required: r.endsWith('*') })),
    conditionKeys: cond
      .split(' ')
      .filter(Boolean)
      .map((k) => keys[Number(k)]!),
  };
}

/** For each of a service's resource types, the actions (of `among`, or all) that take it. */
export function actionsByResourceType(prefix: string, among?: readonly ActionInfo[]): { type: ResourceType; actions: ActionDetails[] }[] {
  const service = getService(prefix);
  if (!service) return [];
  const details = (among ?? service.actions).map((a) => actionDetails(a)).filter((d): d is ActionDetails => d !== undefined);
  return resourceTypes(prefix)
    .map((type) => ({ type, actions: details.filter((d) => d.resourceTypes.some((r) => r.name === type.name)) }))
    .filter((g) => g.actions.length > 0 || among === undefined);
}

/** The named parts of an ARN pattern a person fills in (all but the partition): `Region`, `Account`, `BucketName`. */
export function arnParts(arn: string): string[] {
  return [...new Set([...arn.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]!).filter((p) => p !== 'Partition'))];
}

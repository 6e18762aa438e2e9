// Conditions as the visual editor offers them: the keys a service supports (its own, the `aws:` keys its
// actions document, then the global keys), the operators a key's type allows, keys written with a
// placeholder (`aws:ResourceTag/${TagKey}`) made concrete, and a value checked against its type before it
// reaches the policy. Pure.
import { getService } from './actions';
import { globalConditionKeys, serviceConditionKeys, type ConditionKey } from './details';

const STRING = ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'];
const BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  String: STRING,
  ARN: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'],
  Numeric: [
    'NumericEquals',
    'NumericNotEquals',
    'NumericLessThan',
    'NumericLessThanEquals',
    'NumericGreaterThan',
    'NumericGreaterThanEquals',
  ],
  Date: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'],
  Bool: ['Bool'],
  IPAddress: ['IpAddress', 'NotIpAddress'],
  Binary: ['BinaryEquals'],
};

/**
 * The operators for a key of `type`: multivalued keys (`ArrayOfString`) take a set operator
 * (`ForAnyValue:`/`ForAllValues:`), and every key may be tested with `Null` (is it absent?).
 */
export function operatorsFor(type: string): string[] {
  const array = /^ArrayOf(.+)$/.exec(type);
  const base = BY_TYPE[array ? array[1]! : type] ?? STRING;
  const ops = array ? base.flatMap((op) => [`ForAnyValue:${op}`, `ForAllValues:${op}`]) : [...base];
  return [...ops, 'Null'];
}

/** Every operator the visual editor writes (with or without `IfExists`), for checking a posted draft. */
export function isKnownOperator(operator: string): boolean {
  const op = operator.replace(/IfExists$/, '');
  return Object.keys(BY_TYPE).some((t) => operatorsFor(t).includes(op) || operatorsFor(`ArrayOf${t}`).includes(op));
}

const PLACEHOLDER = /\$\{[^}]+\}|<[^>]+>|tag-key$/;

/** `aws:ResourceTag/${TagKey}` -> `TagKey`: the part a person fills in; undefined for a plain key. */
export function keyPlaceholder(key: string): string | undefined {
  const m = PLACEHOLDER.exec(key);
  if (!m) return undefined;
  return m[0] === 'tag-key' ? 'TagKey' : m[0].replace(/^\$\{|^<|\}$|>$/g, '');
}

/** The key with its placeholder filled in: (`aws:ResourceTag/${TagKey}`, `team`) -> `aws:ResourceTag/team`. */
export const fillKey = (key: string, name: string): string => key.replace(PLACEHOLDER, name);

/** The keys offered for a service's statement: its own, the `aws:` keys it documents, the remaining global keys. */
export function conditionKeyChoices(service: string): ConditionKey[] {
  if (!getService(service)) return [];
  const own = serviceConditionKeys(service);
  const documented = new Set(own.map((k) => k.key.toLowerCase().replace(PLACEHOLDER, '')));
  const globals = globalConditionKeys().filter((k) => !documented.has(k.key.toLowerCase().replace(PLACEHOLDER, '')));
  const mine = own.filter((k) => !k.key.startsWith('aws:'));
  return [...mine, ...own.filter((k) => k.key.startsWith('aws:')), ...globals];
}

/** A key's type among a service's choices; String for a key the reference does not list. */
export function conditionKeyType(service: string, key: string): string {
  const lower = key.toLowerCase();
  const hit = conditionKeyChoices(service).find((k) => {
    const template = k.key.toLowerCase();
    const at = template.search(PLACEHOLDER);
    return at < 0 ? template === lower : lower.startsWith(template.slice(0, at)) && lower.length > at;
  });
  return hit?.type ?? 'String';
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/(3[0-2]|[12]?\d))?$/;
const IPV6 = /^[0-9a-f:]*:[0-9a-f:.]*(\/(12[0-8]|1[01]\d|\d?\d))?$/i;

/** What is wrong with one condition value for an operator, in words for the person; undefined when fine. */
export function conditionValueProblem(operator: string, value: string): string | undefined {
  const op = operator.replace(/^For(Any|All)Values:/, '').replace(/IfExists$/, '');
  if (value.length === 0) return 'Enter a value';
  if (value.length > 1024) return 'A condition value must be 1,024 characters or fewer';
  if (op === 'Null' || op === 'Bool') return /^(true|false)$/i.test(value) ? undefined : 'Enter true or false';
  if (op.startsWith('Numeric')) return /^-?\d+(\.\d+)?$/.test(value) ? undefined : `Enter a number, like 3600 (not ${value})`;
  if (op.startsWith('Date'))
    return /^\d+$/.test(value) || !Number.isNaN(Date.parse(value))
      ? undefined
      : `Enter a date and time like 2026-01-31T12:00:00Z, or seconds since 1970 (not ${value})`;
  if (op.endsWith('IpAddress'))
    return IPV4.test(value) || IPV6.test(value) ? undefined : `Enter an IP address or range like 203.0.113.0/24 (not ${value})`;
  if (op.startsWith('Arn'))
    return value.startsWith('arn:') || value === '*' ? undefined : `Enter an ARN, like arn:aws:iam::123456789012:role/admin (not ${value})`;
  return undefined;
}

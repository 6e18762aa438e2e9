// The simulator's ContextEntries (ContextKeyName, ContextKeyValues, ContextKeyType) turned into the
// request context the policy engine reads. Each value is checked against its declared type with the
// engine's own parsers, so a value the simulator accepts is one the engine can compare; a bad value is
// InvalidInput naming the key, never a silent mismatch.
import { IamError } from '../errors';
import { parseBool } from '../policy/conditions/bool';
import { parseDate } from '../policy/conditions/date';
import { decodeBase64 } from '../policy/conditions/binary';
import { parseCidr, parseIp } from '../policy/conditions/ip';
import { parseNumber } from '../policy/conditions/numeric';
import type { ContextValue } from '../policy/types';

export const CONTEXT_KEY_TYPES = [
  'string',
  'stringList',
  'numeric',
  'numericList',
  'boolean',
  'booleanList',
  'ip',
  'ipList',
  'binary',
  'binaryList',
  'date',
  'dateList',
] as const;

export type ContextKeyType = (typeof CONTEXT_KEY_TYPES)[number];

export interface ContextEntry {
  name: string;
  values: readonly string[];
  /** when omitted: `string` for one value, `stringList` for several */
  type?: ContextKeyType;
}

const CHECKS: Record<string, { valid: (v: string) => boolean; expects: string }> = {
  string: { valid: () => true, expects: 'a string' },
  numeric: { valid: (v) => parseNumber(v) !== undefined, expects: 'a number' },
  boolean: { valid: (v) => parseBool(v) !== undefined, expects: 'true or false' },
  // aws:SourceIp is an address; a CIDR is accepted too, as IpAddress conditions compare ranges.
  ip: { valid: (v) => parseIp(v.trim()) !== undefined || parseCidr(v.trim()) !== undefined, expects: 'an IPv4 or IPv6 address' },
  binary: { valid: (v) => decodeBase64(v) !== undefined, expects: 'base64 text' },
  date: { valid: (v) => parseDate(v) !== undefined, expects: 'an ISO 8601 date or epoch seconds' },
};

/** Builds the context; throws InvalidInput for a repeated key, a wrong count or a value of the wrong type. */
export function contextFromEntries(entries: readonly ContextEntry[]): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  const seen = new Set<string>();
  for (const e of entries) {
    const lower = e.name.toLowerCase();
    if (seen.has(lower)) throw new IamError('InvalidInput', `Context key ${e.name} is specified more than once.`);
    seen.add(lower);
    const type = e.type ?? (e.values.length === 1 ? 'string' : 'stringList');
    const isList = type.endsWith('List');
    const base = isList ? type.slice(0, -'List'.length) : type;
    if (!isList && e.values.length !== 1) {
      throw new IamError('InvalidInput', `Context key ${e.name} of type ${type} must have exactly one value; use ${type}List for several.`);
    }
    const check = CHECKS[base]!;
    const bad = e.values.find((v) => !check.valid(v));
    if (bad !== undefined)
      throw new IamError('InvalidInput', `Context key ${e.name} of type ${type} has the value '${bad}', which is not ${check.expects}.`);
    context[e.name] = isList ? [...e.values] : e.values[0]!;
  }
  return context;
}

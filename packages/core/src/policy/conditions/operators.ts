// The table of condition operators and the parser for operator names with their `ForAllValues:` /
// `ForAnyValue:` prefix and `IfExists` suffix. Names are matched case-insensitively and reported in
// AWS's spelling.

import { arnLike } from './arn';
import { binaryEquals } from './binary';
import { bool } from './bool';
import { dateEquals, dateGreaterThan, dateGreaterThanEquals, dateLessThan, dateLessThanEquals } from './date';
import type { OperatorFamily } from './family';
import { ipAddress } from './ip';
import { numericEquals, numericGreaterThan, numericGreaterThanEquals, numericLessThan, numericLessThanEquals } from './numeric';
import { stringEquals, stringEqualsIgnoreCase, stringLike } from './string';

// The family is erased to unknown: evaluate.ts only ever feeds a family its own prepared values.
export type AnyFamily = OperatorFamily<unknown, unknown>;

interface BaseOperator {
  readonly name: string;
  /** undefined for Null, which tests presence rather than values */
  readonly family: AnyFamily | undefined;
  readonly negated: boolean;
}

const erase = <P, R>(f: OperatorFamily<P, R>): AnyFamily => f as unknown as AnyFamily;

const BASES: readonly BaseOperator[] = [
  { name: 'StringEquals', family: erase(stringEquals), negated: false },
  { name: 'StringNotEquals', family: erase(stringEquals), negated: true },
  { name: 'StringEqualsIgnoreCase', family: erase(stringEqualsIgnoreCase), negated: false },
  { name: 'StringNotEqualsIgnoreCase', family: erase(stringEqualsIgnoreCase), negated: true },
  { name: 'StringLike', family: erase(stringLike), negated: false },
  { name: 'StringNotLike', family: erase(stringLike), negated: true },
  { name: 'NumericEquals', family: erase(numericEquals), negated: false },
  { name: 'NumericNotEquals', family: erase(numericEquals), negated: true },
  { name: 'NumericLessThan', family: erase(numericLessThan), negated: false },
  { name: 'NumericLessThanEquals', family: erase(numericLessThanEquals), negated: false },
  { name: 'NumericGreaterThan', family: erase(numericGreaterThan), negated: false },
  { name: 'NumericGreaterThanEquals', family: erase(numericGreaterThanEquals), negated: false },
  { name: 'DateEquals', family: erase(dateEquals), negated: false },
  { name: 'DateNotEquals', family: erase(dateEquals), negated: true },
  { name: 'DateLessThan', family: erase(dateLessThan), negated: false },
  { name: 'DateLessThanEquals', family: erase(dateLessThanEquals), negated: false },
  { name: 'DateGreaterThan', family: erase(dateGreaterThan), negated: false },
  { name: 'DateGreaterThanEquals', family: erase(dateGreaterThanEquals), negated: false },
  { name: 'Bool', family: erase(bool), negated: false },
  { name: 'BinaryEquals', family: erase(binaryEquals), negated: false },
  { name: 'IpAddress', family: erase(ipAddress), negated: false },
  { name: 'NotIpAddress', family: erase(ipAddress), negated: true },
  { name: 'ArnEquals', family: erase(arnLike), negated: false },
  { name: 'ArnNotEquals', family: erase(arnLike), negated: true },
  { name: 'ArnLike', family: erase(arnLike), negated: false },
  { name: 'ArnNotLike', family: erase(arnLike), negated: true },
  { name: 'Null', family: undefined, negated: false },
];

const BY_LOWER = new Map(BASES.map((b) => [b.name.toLowerCase(), b]));

export type SetOperator = 'none' | 'ForAllValues' | 'ForAnyValue';

export interface OperatorSpec {
  /** canonical spelling of the whole operator, e.g. `ForAnyValue:StringLikeIfExists` */
  readonly name: string;
  readonly base: BaseOperator;
  readonly set: SetOperator;
  readonly ifExists: boolean;
}

export function parseOperator(written: string): OperatorSpec | { readonly error: string } {
  let rest = written;
  let set: SetOperator = 'none';
  const colon = rest.indexOf(':');
  if (colon !== -1) {
    const prefix = rest.slice(0, colon).toLowerCase();
    if (prefix === 'forallvalues') set = 'ForAllValues';
    else if (prefix === 'foranyvalue') set = 'ForAnyValue';
    else return { error: `unknown condition operator prefix \`${rest.slice(0, colon)}\`; use \`ForAllValues\` or \`ForAnyValue\`` };
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  let base = BY_LOWER.get(rest.toLowerCase());
  if (base === undefined && rest.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    base = BY_LOWER.get(rest.slice(0, -'ifexists'.length).toLowerCase());
  }
  if (base === undefined) return { error: `unknown condition operator \`${written}\`` };
  if (base.family === undefined && (ifExists || set !== 'none')) {
    return { error: `\`Null\` cannot be combined with \`IfExists\`, \`ForAllValues\` or \`ForAnyValue\`` };
  }
  const name = (set === 'none' ? '' : `${set}:`) + base.name + (ifExists ? 'IfExists' : '');
  return { name, base, set, ifExists };
}

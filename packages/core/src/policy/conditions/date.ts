// Date operators. Values are ISO 8601 (`2024-01-31`, `2024-01-31T12:00:00Z`, with an optional fraction
// and offset; no offset means UTC) or epoch seconds. Compared as milliseconds since the epoch.

import { InvalidValue, plainText, type OperatorFamily } from './family';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|z|[+-]\d{2}:?\d{2})?$/;
const EPOCH = /^-?\d{1,12}(\.\d+)?$/;

export function parseDate(raw: string): number | undefined {
  const s = raw.trim();
  if (EPOCH.test(s)) return Number(s) * 1000;
  const m = ISO.exec(s);
  if (m === null) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = 'Z'] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 60) {
    return undefined;
  }
  let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(sec), Number(frac.padEnd(3, '0').slice(0, 3)));
  if (new Date(ms).getUTCDate() !== day) return undefined; // e.g. 2023-02-30
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return ms;
}

function date(test: (request: number, policy: number) => boolean): OperatorFamily<number, number> {
  return {
    policyValue: (parts) => {
      const text = plainText(parts);
      return parseDate(text) ?? new InvalidValue(`\`${text}\` is not an ISO 8601 date or epoch seconds`);
    },
    requestValue: parseDate,
    test,
    variables: false,
    lowerCase: false,
    expects: 'an ISO 8601 date or epoch seconds',
  };
}

export const dateEquals = date((r, p) => r === p);
export const dateLessThan = date((r, p) => r < p);
export const dateLessThanEquals = date((r, p) => r <= p);
export const dateGreaterThan = date((r, p) => r > p);
export const dateGreaterThanEquals = date((r, p) => r >= p);

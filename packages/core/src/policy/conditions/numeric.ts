// Numeric operators. Values are integers or decimals (`-12`, `3.5`); anything else in a policy is a
// validation error, and in a request an evaluation error (the statement fails closed).

import { InvalidValue, plainText, type OperatorFamily } from './family';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseNumber(raw: string): number | undefined {
  const s = raw.trim();
  return NUMBER.test(s) ? Number(s) : undefined;
}

function numeric(test: (request: number, policy: number) => boolean): OperatorFamily<number, number> {
  return {
    policyValue: (parts) => {
      const text = plainText(parts);
      return parseNumber(text) ?? new InvalidValue(`\`${text}\` is not a number`);
    },
    requestValue: parseNumber,
    test,
    variables: false,
    lowerCase: false,
    expects: 'a number',
  };
}

export const numericEquals = numeric((r, p) => r === p);
export const numericLessThan = numeric((r, p) => r < p);
export const numericLessThanEquals = numeric((r, p) => r <= p);
export const numericGreaterThan = numeric((r, p) => r > p);
export const numericGreaterThanEquals = numeric((r, p) => r >= p);

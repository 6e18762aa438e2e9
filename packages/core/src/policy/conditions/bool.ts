// Bool: `true` or `false` (case-insensitive; JSON booleans are accepted and normalised to strings).

import { InvalidValue, plainText, type OperatorFamily } from './family';

export function parseBool(raw: string): boolean | undefined {
  const s = raw.trim().toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : undefined;
}

export const bool: OperatorFamily<boolean, boolean> = {
  policyValue: (parts) => {
    const text = plainText(parts);
    return parseBool(text) ?? new InvalidValue(`\`${text}\` is not \`true\` or \`false\``);
  },
  requestValue: parseBool,
  test: (request, policy) => request === policy,
  variables: false,
  lowerCase: false,
  expects: '`true` or `false`',
};

// BinaryEquals: base64 values compared byte for byte (so padding and alphabet variants are decoded first).

import { InvalidValue, plainText, type OperatorFamily } from './family';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeBase64(raw: string): string | undefined {
  const s = raw.trim();
  if (!BASE64.test(s) || s.length % 4 === 1) return undefined;
  try {
    return atob(s);
  } catch {
    return undefined;
  }
}

export const binaryEquals: OperatorFamily<string, string> = {
  policyValue: (parts) => {
    const text = plainText(parts);
    return decodeBase64(text) ?? new InvalidValue(`\`${text}\` is not base64`);
  },
  requestValue: decodeBase64,
  test: (request, policy) => request === policy,
  variables: false,
  lowerCase: false,
  expects: 'base64',
};

// String operators: StringEquals, StringEqualsIgnoreCase and StringLike (and their Not forms, which
// evaluate.ts derives by negation). Case-sensitive except the IgnoreCase pair.

import { compileGlobParts, matchGlob, type Glob } from '../glob';
import { plainText, type OperatorFamily } from './family';

export const stringEquals: OperatorFamily<string, string> = {
  policyValue: plainText,
  requestValue: (raw) => raw,
  test: (request, policy) => request === policy,
  variables: true,
  lowerCase: false,
  expects: 'a string',
};

export const stringEqualsIgnoreCase: OperatorFamily<string, string> = {
  policyValue: (parts) => plainText(parts).toLowerCase(),
  requestValue: (raw) => raw.toLowerCase(),
  test: (request, policy) => request === policy,
  variables: true,
  lowerCase: true,
  expects: 'a string',
};

export const stringLike: OperatorFamily<Glob, string> = {
  policyValue: compileGlobParts,
  requestValue: (raw) => raw,
  test: (request, policy) => matchGlob(policy, request),
  variables: true,
  lowerCase: false,
  expects: 'a string',
};

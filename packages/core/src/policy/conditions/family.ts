// The tiny interface every condition operator family implements. A family knows how to read a policy
// value (once, at compile time), how to read a request value, and how to compare one with the other;
// the quantifiers (`ForAllValues:`, `ForAnyValue:`), `IfExists` and negation live in one place
// (evaluate.ts) so each family stays a few lines long.

import type { GlobPart } from '../glob';

/** A policy value the family cannot use; becomes a validation error (or a compile error). */
export class InvalidValue {
  constructor(readonly message: string) {}
}

export interface OperatorFamily<P, R> {
  /** prepare a policy value; parts carry wildcard meaning for pattern families */
  policyValue(parts: readonly GlobPart[]): P | InvalidValue;
  /** prepare a request value; undefined when it is not of this family's type (an evaluation error) */
  requestValue(raw: string): R | undefined;
  test(request: R, policy: P): boolean;
  /** whether policy variables are substituted in values (string and ARN operators only) */
  readonly variables: boolean;
  /** whether policy values are compared case-insensitively (variables are lowercased too) */
  readonly lowerCase: boolean;
  /** what a request value must look like, for error messages */
  readonly expects: string;
}

/** Thrown by condition evaluation when a request value has the wrong type; the statement fails closed. */
export class EvalError extends Error {}

/** Helper for families that compare plain text. */
export function plainText(parts: readonly GlobPart[]): string {
  let s = '';
  for (const p of parts) s += p.text;
  return s;
}

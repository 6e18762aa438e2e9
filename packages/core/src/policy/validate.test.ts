// Replays test/policy-corpus/validation/documents.json against parsePolicy: errors must match exactly
// (path, code, message fragment); expected warnings must be present.

import { describe, expect, it } from 'vitest';
import corpus from '../../../../test/policy-corpus/validation/documents.json';
import { parsePolicy } from './parse';
import type { Diagnostic, PolicyKind } from './types';

interface Expected {
  readonly path: string;
  readonly code: string;
  readonly message?: string;
  /** IAM's own message the diagnostic must carry, exactly */
  readonly awsMessage?: string;
}

interface ValidationCase {
  readonly name: string;
  readonly kind: PolicyKind;
  readonly document: unknown;
  /** parse with IAM's rules on save (ParseOptions.iam) */
  readonly iam?: { readonly managed?: boolean };
  readonly expect: { readonly ok: boolean; readonly errors?: readonly Expected[]; readonly warnings?: readonly Expected[] };
}

const cases = (corpus as unknown as { cases: readonly ValidationCase[] }).cases;

const found = (list: readonly Diagnostic[], e: Expected): boolean =>
  list.some(
    (d) =>
      d.path === e.path &&
      d.code === e.code &&
      (e.message === undefined || d.message.includes(e.message)) &&
      (e.awsMessage === undefined || d.awsMessage === e.awsMessage),
  );

describe('validation corpus', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = parsePolicy(c.document, c.kind, c.iam ? { iam: c.iam } : {});
    const explain = JSON.stringify(result, null, 1);
    expect(result.ok, explain).toBe(c.expect.ok);
    const errors = result.ok ? [] : result.errors;
    for (const e of c.expect.errors ?? []) expect(found(errors, e), `${JSON.stringify(e)} in ${explain}`).toBe(true);
    expect(errors.length, explain).toBe(c.expect.errors?.length ?? 0);
    for (const w of c.expect.warnings ?? []) expect(found(result.warnings, w), `${JSON.stringify(w)} in ${explain}`).toBe(true);
  });
});

describe('diagnostic style', () => {
  it('messages are lowercase and have no final period', () => {
    for (const c of cases) {
      const r = parsePolicy(c.document, c.kind);
      for (const d of [...(r.ok ? [] : r.errors), ...r.warnings]) {
        expect(d.message[0], d.message).not.toMatch(/[A-Z]/);
        expect(d.message.endsWith('.'), d.message).toBe(false);
      }
    }
  });
});

describe('parsePolicy result', () => {
  it('normalises single values to arrays and condition scalars to strings', () => {
    const r = parsePolicy(
      {
        Version: '2012-10-17',
        Statement: {
          Sid: 'A',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 's3:max-keys': 5 } },
        },
      },
      'identity',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.policy).toEqual({
      version: '2012-10-17',
      statements: [
        {
          sid: 'A',
          effect: 'Allow',
          action: ['s3:GetObject'],
          resource: ['*'],
          condition: { Bool: { 'aws:SecureTransport': ['true'] }, NumericLessThan: { 's3:max-keys': ['5'] } },
        },
      ],
    });
  });
});

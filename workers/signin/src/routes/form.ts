// Reading hosted-page form fields: strings only (a repeated or file field is refused), bounded length.
import { IamError } from '@edge-iam/core';
import type { SigninContext } from '../context';

export type Form = Record<string, string | File | (string | File)[]>;

export const readForm = (c: SigninContext) => c.req.parseBody() as Promise<Form>;

export function field(form: Form, name: string, max: number, opts: { trim?: boolean } = {}): string {
  const v = form[name];
  if (v === undefined) return '';
  if (typeof v !== 'string') throw new IamError('ValidationError', `\`${name}\` must be a single text field`);
  if (v.length > max) throw new IamError('ValidationError', `\`${name}\` is longer than ${max} characters`);
  return opts.trim === false ? v : v.trim();
}

/** The query's redirect_uri, kept through the flow as text (checked against the account at the end). */
export const queryRedirect = (c: SigninContext) => c.req.query('redirect_uri') ?? null;

export function withRedirect(path: string, redirectUri: string | null | undefined): string {
  return redirectUri ? `${path}?${new URLSearchParams({ redirect_uri: redirectUri })}` : path;
}

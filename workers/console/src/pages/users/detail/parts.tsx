// Small pieces several detail sections use: AWS's refusal where a section could not be read, the
// account's console sign-in link, and a form posting one field to a detail route.
import type { Child, FC } from 'hono/jsx';
import type { IamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../../env';
import { encode } from '../../../render';
import { CsrfField } from '../../../ui/components';

/** A section the person may not read: the API's own words, so they know which permission is missing. */
export const Unavailable: FC<{ error: IamError }> = ({ error }) => (
  <p class="warning user-detail-unavailable">
    <span class="visually-hidden">Not available: </span>
    {error.message}
  </p>
);

/** Where IAM users of this account sign in: the hosted sign-in with the account (alias first) filled in. */
export function signinUrl(c: ConsoleContext): string {
  const p = c.var.session.principal;
  return `${new URL(c.req.url).origin}/signin/${encode(p.accountAlias ?? p.accountId)}`;
}

/** A one-button form whose button names its object for screen readers ("Remove <tag env>"). */
export const PostButton: FC<{
  action: string;
  csrf: string;
  fields: Record<string, string>;
  label: string;
  object: Child;
  danger?: boolean;
}> = (p) => (
  <form method="post" action={p.action} class="inline">
    <CsrfField token={p.csrf} />
    {Object.entries(p.fields).map(([k, v]) => (
      <input type="hidden" name={k} value={v} />
    ))}
    <button type="submit" class={p.danger ? 'danger small' : 'secondary small'}>
      {p.label}
      <span class="visually-hidden"> {p.object}</span>
    </button>
  </form>
);

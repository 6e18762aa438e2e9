// Small pieces several detail sections use: AWS's refusal where a section could not be read, the
// account's console sign-in link, and a form posting one field to a detail route.
import type { FC } from 'hono/jsx';
import type { IamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../../env';
import { encode } from '../../../render';

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

export { RowButton as PostButton } from '../../../ui/components';

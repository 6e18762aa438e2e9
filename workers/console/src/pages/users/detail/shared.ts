// What the user detail routes share: the page's addresses, the post/redirect/get back to a section with a
// notice, and how a refused change answers (the detail page again, with the API's message on top and
// the fields' messages beside them, under the API's status).
import type { IamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../../env';
import { encode, statusFor } from '../../../render';
import type { FieldErrors } from '../../../ui/components';

/** The sections of the detail page, each an in-page anchor. */
export type DetailSection = 'summary' | 'permissions' | 'groups' | 'tags' | 'security-credentials' | 'delete';

export const userUrl = (name: string, rest = '') => `/console/users/${encode(name)}${rest}`;

/** Post/redirect/get to a section of the detail page; the notice rides in the query, the section in the fragment. */
export function backToSection(c: ConsoleContext, name: string, section: DetailSection, notice: string): Response {
  return c.redirect(`${userUrl(name)}?notice=${encode(notice.slice(0, 300))}#${section}`, 303);
}

/** What a refused form brings back to the page: a message, field messages, and the values typed. */
export interface Problem {
  message?: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
  status: 400 | 403 | 404 | 409 | 429;
}

export const apiProblem = (e: IamError, values?: Record<string, string>): Problem => ({
  message: e.message,
  status: statusFor(e),
  ...(values ? { values } : {}),
});

export const fieldProblem = (errors: FieldErrors, values?: Record<string, string>): Problem => ({
  errors,
  status: 400,
  ...(values ? { values } : {}),
});

/** IAM names of users, groups and policies: AWS's `[\w+=,.@-]+`. */
export const IAM_NAME = /^[\w+=,.@-]+$/;

// What the user's SSH key, signing certificate and service-specific credential pages share: the frame
// of a page under the user (Users › name), the confirmation page before a delete or a reset, reading
// an Active/Inactive choice, and how a refused one-button change answers: a missing user or credential
// is the 404 page, anything else the detail page with AWS's words on top.
import type { Child } from 'hono/jsx';
import type { IamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../../env';
import { page, statusFor, type PageOptions } from '../../../render';
import { ConfirmForm, ErrorSummary, PageHeader, type FieldErrors } from '../../../ui/components';
import { apiProblem, userUrl } from './shared';
import { renderUserDetail } from './view';

export const backToCredentials = (name: string) => `${userUrl(name)}#security-credentials`;

/** A page about one of the user's credentials, under Users › name. */
export function credentialPage(
  c: ConsoleContext,
  name: string,
  opts: { title: string; status?: PageOptions['status'] | undefined },
  body: Child,
): Response | Promise<Response> {
  return page(
    c,
    {
      title: opts.title,
      section: 'users',
      crumbs: [
        ['Users', '/console/users'],
        [name, backToCredentials(name)],
      ],
      ...(opts.status ? { status: opts.status } : {}),
    },
    body,
  );
}

export const STATUSES = ['Active', 'Inactive'] as const;
export type CredentialStatus = (typeof STATUSES)[number];
export const asStatus = (s: string): CredentialStatus | null => (STATUSES.includes(s as CredentialStatus) ? (s as CredentialStatus) : null);
/** What the button that changes a credential's status says. */
export const toggleLabel = (current: string) => (current === 'Active' ? 'Deactivate' : 'Activate');
export const otherStatus = (current: string): CredentialStatus => (current === 'Active' ? 'Inactive' : 'Active');

/** A refused upload: the key's own problems beside the field, a refusal of the person (AccessDenied) on top. */
export interface UploadProblem {
  value: string;
  error?: string;
  message?: string;
  status: 400 | 403 | 404 | 409 | 429;
}
export const uploadRefusal = (e: IamError, value: string): UploadProblem =>
  e.code === 'AccessDenied' ? { value, message: e.message, status: 403 } : { value, error: e.message, status: statusFor(e) };

/** A refused change: a missing user or credential is the 404 page; any other refusal the detail page. */
export function refused(c: ConsoleContext, name: string, error: IamError): Promise<Response> {
  if (error.code === 'NoSuchEntity') throw error;
  return renderUserDetail(c, name, apiProblem(error));
}

/**
 * "Are you sure": a ticked box before something that cannot be undone (delete, reset). `fields` are the
 * hidden inputs naming the credential; the page is re-shown with the box's message if it was not ticked.
 */
export function confirmPage(
  c: ConsoleContext,
  name: string,
  p: {
    title: string;
    lead: Child;
    action: string;
    fields: Record<string, string>;
    confirmLabel: string;
    button: string;
    warning: Child;
    error?: IamError | undefined;
    errors?: FieldErrors | undefined;
  },
) {
  const status = p.error ? apiProblem(p.error).status : p.errors ? 400 : undefined;
  return credentialPage(
    c,
    name,
    { title: p.title, status },
    <>
      <PageHeader title={p.title} lead={p.lead} />
      <ErrorSummary message={p.error?.message} errors={p.errors} />
      <div class="panel">
        <div class="warning">{p.warning}</div>
        <ConfirmForm
          action={p.action}
          csrf={c.var.csrfToken}
          fields={p.fields}
          error={p.errors?.confirm}
          label={p.confirmLabel}
          button={p.button}
          cancel={backToCredentials(name)}
        />
      </div>
    </>,
  );
}

/** The ID a credential route was given (a query or form value), checked against AWS's `[\w]+` and length. */
export function credentialId(value: string | undefined, min: number): string | null {
  const id = (value ?? '').trim();
  return id.length >= min && id.length <= 128 && /^\w+$/.test(id) ? id : null;
}

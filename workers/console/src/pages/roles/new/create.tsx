// "Create role": every answer is checked again (the draft came back from the browser), the trust
// policy is written and judged, and only then the writes run as the signed-in person: CreateRole
// (with its boundary and tags, so a refused one changes nothing), then AttachRolePolicy for each
// policy. Once the role exists a refused attachment cannot be undone by us, so the page says which
// policies were attached and which were not, and links the role to finish there.
import type { ConsoleContext } from '../../../env';
import { attempt, statusFor, type IamError } from '../../../render';
import { judge, isDocumentError, type Judgement } from '../editor';
import { applyEach, nameOfArn, readSessionDuration, roleUrl, ROLES_CRUMB } from '../shared';
import { detailsErrors, permissionErrors, trustErrors, type Draft, type Step } from './draft';
import { trustStepOf, webIdentityErrors } from './federation';
import type { StepView } from './frame';
import { trustDocumentOf } from './trust-document';
import { rolePage } from '../frame';

export type Refusal = { step: Step; view: StepView & { judgement?: Judgement | undefined } };

export interface Created {
  roleName: string;
  attached: string[];
  failed?: { arn: string; error: IamError };
  notTried: string[];
}

const has = (e: object) => Object.keys(e).length > 0;

/** Where an API refusal of CreateRole belongs: the step and field it is about, in AWS's words. */
function placeRefusal(d: Draft, e: IamError): Refusal {
  const status = statusFor(e);
  if (e.code === 'EntityAlreadyExists') return { step: 'details', view: { errors: { roleName: e.message }, status } };
  if (isDocumentError(e)) {
    return d.trustType === 'custom'
      ? { step: 'trust', view: { errors: { customPolicy: e.message }, status } }
      : { step: 'trust', view: { message: e.message, status } };
  }
  // The boundary is the only other ARN CreateRole reads.
  if (e.code === 'NoSuchEntity' && d.boundary) return { step: 'permissions', view: { errors: { boundary: e.message }, status } };
  if (e.code === 'ValidationError' && /roleName/.test(e.message))
    return { step: 'details', view: { errors: { roleName: e.message }, status } };
  return { step: 'review', view: { message: e.message, status } };
}

export async function createRole(c: ConsoleContext, d: Draft): Promise<{ ok: true; created: Created } | { ok: false; refusal: Refusal }> {
  for (const [step, errors] of [
    ['trust', trustErrors(d)],
    ['web-identity', webIdentityErrors(d)],
    ['permissions', permissionErrors(d)],
    ['details', detailsErrors(d)],
  ] as const) {
    if (has(errors)) return { ok: false, refusal: { step, view: { errors, status: 400 } } };
  }
  const trust = await trustDocumentOf(c, d);
  if (!trust.ok) return { ok: false, refusal: { step: trustStepOf(trust.errors), view: { errors: trust.errors, status: 400 } } };
  if (d.trustType === 'custom') {
    const judgement = await judge(c, trust.document, 'TRUST_POLICY');
    if (judgement.error) return { ok: false, refusal: { step: 'trust', view: { judgement, status: 400 } } };
  }
  const session = readSessionDuration(d.maxSession);
  const made = await attempt(() =>
    c.var.iam.call('CreateRole', {
      RoleName: d.roleName,
      AssumeRolePolicyDocument: trust.document,
      Path: d.path || undefined,
      Description: d.description || undefined,
      MaxSessionDuration: 'seconds' in session ? session.seconds : undefined,
      PermissionsBoundary: d.boundary || undefined,
      Tags: d.tags.length ? d.tags : undefined,
    }),
  );
  if (!made.ok) return { ok: false, refusal: placeRefusal(d, made.error) };
  const r = await applyEach(d.policies, (arn) => c.var.iam.call('AttachRolePolicy', { RoleName: d.roleName, PolicyArn: arn }));
  const notTried = r.failed ? d.policies.slice(r.done.length + 1) : [];
  return {
    ok: true,
    created: {
      roleName: d.roleName,
      attached: r.done,
      notTried,
      ...(r.failed ? { failed: { arn: r.failed.item, error: r.failed.error } } : {}),
    },
  };
}

/** The answer when the role exists but an attachment was refused: what was done, what was not. */
export function partlyCreatedPage(c: ConsoleContext, r: Created & { failed: NonNullable<Created['failed']> }) {
  const title = `Role ${r.roleName} was created, but not every policy was attached`;
  const url = roleUrl(r.roleName);
  return rolePage(
    c,
    { title, crumbs: [ROLES_CRUMB], status: statusFor(r.failed.error) },
    <>
      <h1>{title}</h1>
      <div class="warning" role="alert">
        <p>
          The role exists. Attach the missing {r.notTried.length ? 'policies' : 'policy'} on{' '}
          <a href={`${url}#permissions`}>the page of role {r.roleName}</a> once the reason below is dealt with.
        </p>
      </div>
      <section class="panel" aria-labelledby="outcomes-title">
        <h2 id="outcomes-title">What was done</h2>
        <ul class="wizard-outcomes">
          <li class="wizard-done">
            <span class="visually-hidden">Done: </span>Created role {r.roleName}
          </li>
          {r.attached.map((arn) => (
            <li class="wizard-done">
              <span class="visually-hidden">Done: </span>Attached {nameOfArn(arn)}
            </li>
          ))}
          <li class="wizard-failed">
            <strong>Not done:</strong> attach {nameOfArn(r.failed.arn)}. {r.failed.error.message}
          </li>
          {r.notTried.map((arn) => (
            <li class="wizard-failed">
              <strong>Not done:</strong> attach {nameOfArn(arn)} (not tried after the refusal)
            </li>
          ))}
        </ul>
      </section>
      <p class="button-row">
        <a href={url}>View role {r.roleName}</a>
        <a href="/console/roles">Back to roles</a>
      </p>
    </>,
  );
}

export const createdNotice = (r: Created) =>
  `Role ${r.roleName} was created${r.attached.length ? ` with ${r.attached.map(nameOfArn).join(', ')} attached` : ''}.`;

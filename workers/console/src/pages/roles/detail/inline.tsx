// A role's inline policies: one page to create or replace one (PutRolePolicy from the JSON editor;
// `?policy=` opens an existing one), and the role page's one-button DeleteRolePolicy. "Check" shows
// the service's findings without saving; "Save" checks first, so a document with errors is shown back
// (400) and nothing is written; the API's own refusal goes beside the field in AWS's words.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../../env';
import { attempt, checked, readForm, statusFor, text } from '../../../render';
import { CsrfField, ErrorSummary, PageHeader, TextField } from '../../../ui/components';
import { documentProblem, isDocumentError, judge, MAX_DOCUMENT, PolicyEditor, type Judgement } from '../editor';
import {
  apiProblem,
  backToSection,
  getRole,
  isServiceLinked,
  policyNameProblem,
  roleUrl,
  ROLES_CRUMB,
  type Problem,
  type Role,
} from '../shared';
import { inlineDocument } from './data';
import { protectedRole } from './trust';
import { renderRole } from './view';
import { rolePage } from '../frame';

export const inlineRoutes = new Hono<ConsoleEnv>();

const TEMPLATE = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [], Resource: '*' }] }, null, 2);

interface Values {
  policyName: string;
  document: string;
  editing: boolean;
}

function inlinePage(c: ConsoleContext, role: Role, v: Values, view: { problem?: Problem; judgement?: Judgement } = {}) {
  const n = role.RoleName;
  const title = v.editing ? `Edit inline policy ${v.policyName}` : `Create inline policy for ${n}`;
  const errors = view.problem?.errors ?? (view.judgement?.error ? { document: view.judgement.error } : undefined);
  return rolePage(
    c,
    { title, crumbs: [ROLES_CRUMB, [n, roleUrl(n)]], ...(view.problem ? { status: view.problem.status } : {}) },
    <>
      <PageHeader title={title} lead="An inline policy belongs to this role only and is deleted with it." />
      <ErrorSummary message={view.problem?.message} errors={errors} />
      <div class="panel">
        <form method="post" action={roleUrl(n, '/inline')} class="stack role-editor-form">
          <CsrfField token={c.var.csrfToken} />
          {v.editing ? <input type="hidden" name="editing" value="1" /> : null}
          <TextField
            label="Policy name"
            name="policy_name"
            value={v.policyName}
            error={view.problem?.errors?.policy_name}
            maxlength={128}
            hint="Up to 128 letters, digits and + = , . @ _ -. Saving under an existing name replaces that policy."
          />
          <PolicyEditor
            label="Policy document (JSON)"
            name="document"
            value={v.document}
            error={view.problem?.errors?.document}
            judgement={view.judgement}
            hint="An IAM policy: a Version and one or more Statements with Effect, Action and Resource. A role's inline policies together hold at most 10,240 characters."
          />
          <div class="button-row">
            <button type="submit" name="op" value="save">
              Save policy
            </button>
            <button type="submit" name="op" value="check" class="secondary">
              Check policy
            </button>
            <a href={roleUrl(n, '#permissions')}>Cancel</a>
          </div>
        </form>
      </div>
    </>,
  );
}

inlineRoutes.get('/:name/inline', async (c) => {
  const role = await getRole(c, c.req.param('name'));
  if (isServiceLinked(role)) return protectedRole(c, role, 'permissions');
  const policy = (c.req.query('policy') ?? '').trim().slice(0, 128);
  if (!policy) return inlinePage(c, role, { policyName: '', document: TEMPLATE, editing: false });
  // A policy that does not exist (or may not be read) is the API's NoSuchEntity / AccessDenied page.
  const document = await inlineDocument(c, role.RoleName, policy);
  return inlinePage(c, role, { policyName: policy, document, editing: true });
});

inlineRoutes.post('/:name/inline', async (c) => {
  const form = await readForm(c);
  const role = await getRole(c, c.req.param('name'));
  if (isServiceLinked(role)) return protectedRole(c, role, 'permissions');
  const v: Values = {
    policyName: text(form, 'policy_name', 200),
    document: text(form, 'document', MAX_DOCUMENT + 1),
    editing: checked(form, 'editing'),
  };
  const errors: Record<string, string> = {};
  const nameError = policyNameProblem(v.policyName);
  if (nameError) errors.policy_name = nameError;
  const documentError = documentProblem(v.document);
  if (documentError) errors.document = documentError;
  if (Object.keys(errors).length) return inlinePage(c, role, v, { problem: { errors, status: 400 } });
  const judgement = await judge(c, v.document, 'IDENTITY_POLICY');
  if (text(form, 'op', 10) === 'check') return inlinePage(c, role, v, { judgement });
  if (judgement.error) return inlinePage(c, role, v, { judgement, problem: { status: 400 } });
  const n = role.RoleName;
  const r = await attempt(() => c.var.iam.call('PutRolePolicy', { RoleName: n, PolicyName: v.policyName, PolicyDocument: v.document }));
  if (!r.ok) {
    const problem: Problem = isDocumentError(r.error)
      ? { errors: { document: r.error.message }, status: statusFor(r.error) }
      : { message: r.error.message, status: statusFor(r.error) };
    return inlinePage(c, role, v, { judgement, problem });
  }
  const warnings = judgement.findings.length;
  return backToSection(
    c,
    n,
    'permissions',
    `Inline policy ${v.policyName} of ${n} was saved${warnings ? ` (with ${warnings} warning${warnings === 1 ? '' : 's'})` : ''}.`,
  );
});

inlineRoutes.post('/:name/inline/delete', async (c) => {
  const name = c.req.param('name');
  const policy = text(await readForm(c), 'policy_name', 128);
  const r = await attempt(() => c.var.iam.call('DeleteRolePolicy', { RoleName: name, PolicyName: policy }));
  if (!r.ok) return renderRole(c, name, apiProblem(r.error));
  return backToSection(c, name, 'permissions', `Inline policy ${policy} was deleted from ${name}.`);
});

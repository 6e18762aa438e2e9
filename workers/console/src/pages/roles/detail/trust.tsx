// GET/POST /console/roles/:name/trust: edit the role's trust policy as JSON. "Check" shows the
// service's findings at their lines without saving; "Save" checks first (errors: 400, nothing
// changed), then UpdateAssumeRolePolicy, whose refusal (MalformedPolicyDocument, the 2,048-character
// quota) is shown beside the field in AWS's words.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../../env';
import { attempt, readForm, statusFor, text } from '../../../render';
import { CsrfField, ErrorSummary, PageHeader } from '../../../ui/components';
import { readablePolicy } from '../../../ui/components';
import { documentProblem, isDocumentError, judge, MAX_DOCUMENT, PolicyEditor, type Judgement } from '../editor';
import { backToSection, getRole, isServiceLinked, roleUrl, ROLES_CRUMB, type Problem, type Role } from '../shared';
import { renderRole } from './view';
import { rolePage } from '../frame';

export const trustRoutes = new Hono<ConsoleEnv>();

/** A service-linked role's trust and permissions are its service's: the role page says so, nothing is offered. */
export const protectedRole = (c: ConsoleContext, role: Role, what: string) =>
  renderRole(c, role.RoleName, {
    message: `${role.RoleName} is a service-linked role: only its service can change its ${what}.`,
    status: 400,
  });

function trustPage(c: ConsoleContext, role: Role, document: string, view: { problem?: Problem; judgement?: Judgement } = {}) {
  const n = role.RoleName;
  const title = `Edit trust policy of ${n}`;
  return rolePage(
    c,
    { title, crumbs: [ROLES_CRUMB, [n, roleUrl(n)]], ...(view.problem ? { status: view.problem.status } : {}) },
    <>
      <PageHeader title={title} lead="The trust policy says who may assume the role (sts:AssumeRole) and on what conditions." />
      <ErrorSummary
        message={view.problem?.message}
        errors={view.problem?.errors ?? (view.judgement?.error ? { document: view.judgement.error } : undefined)}
      />
      <div class="panel">
        <form method="post" action={roleUrl(n, '/trust')} class="stack role-editor-form">
          <CsrfField token={c.var.csrfToken} />
          <PolicyEditor
            label="Trust policy (JSON)"
            name="document"
            value={document}
            error={view.problem?.errors?.document}
            judgement={view.judgement}
            hint="Each statement names a Principal (AWS, Service or Federated) and allows sts:AssumeRole. At most 2,048 characters without spaces."
          />
          <div class="button-row">
            <button type="submit" name="op" value="save">
              Update policy
            </button>
            <button type="submit" name="op" value="check" class="secondary">
              Check policy
            </button>
            <a href={roleUrl(n, '#trust')}>Cancel</a>
          </div>
        </form>
      </div>
    </>,
  );
}

trustRoutes.get('/:name/trust', async (c) => {
  const role = await getRole(c, c.req.param('name'));
  if (isServiceLinked(role)) return protectedRole(c, role, 'trust policy');
  return trustPage(c, role, readablePolicy(role.AssumeRolePolicyDocument));
});

trustRoutes.post('/:name/trust', async (c) => {
  const form = await readForm(c);
  const role = await getRole(c, c.req.param('name'));
  if (isServiceLinked(role)) return protectedRole(c, role, 'trust policy');
  const document = text(form, 'document', MAX_DOCUMENT + 1);
  const problem = documentProblem(document);
  if (problem) return trustPage(c, role, document, { problem: { errors: { document: problem }, status: 400 } });
  const judgement = await judge(c, document, 'TRUST_POLICY');
  if (text(form, 'op', 10) === 'check') return trustPage(c, role, document, { judgement });
  if (judgement.error) return trustPage(c, role, document, { judgement, problem: { status: 400 } });
  const n = role.RoleName;
  const r = await attempt(() => c.var.iam.call('UpdateAssumeRolePolicy', { RoleName: n, PolicyDocument: document }));
  if (!r.ok) {
    const onField = isDocumentError(r.error);
    const problem: Problem = onField
      ? { errors: { document: r.error.message }, status: statusFor(r.error) }
      : { message: r.error.message, status: statusFor(r.error) };
    return trustPage(c, role, document, { judgement, problem });
  }
  const warnings = judgement.findings.length;
  return backToSection(
    c,
    n,
    'trust',
    `The trust policy of ${n} was updated${warnings ? ` (with ${warnings} warning${warnings === 1 ? '' : 's'})` : ''}.`,
  );
});

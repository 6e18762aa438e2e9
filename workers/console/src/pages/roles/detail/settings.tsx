// GET/POST /console/roles/:name/edit: the role's description and maximum session duration
// (UpdateRole). A service-linked role's sessions are its service's, so only its description is offered.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../../env';
import { attempt, readForm, text } from '../../../render';
import { CsrfField, ErrorSummary, PageHeader, TextArea } from '../../../ui/components';
import { SessionSelect } from '../session-select';
import {
  apiProblem,
  backToSection,
  descriptionProblem,
  fieldProblem,
  getRole,
  isServiceLinked,
  readSessionDuration,
  roleUrl,
  ROLES_CRUMB,
  type Problem,
  type Role,
} from '../shared';
import { rolePage } from '../frame';

export const settingsRoutes = new Hono<ConsoleEnv>();

function editPage(c: ConsoleContext, role: Role, values: { description: string; maxSession: string }, problem?: Problem) {
  const n = role.RoleName;
  const title = `Edit role ${n}`;
  return rolePage(
    c,
    { title, crumbs: [ROLES_CRUMB, [n, roleUrl(n)]], ...(problem ? { status: problem.status } : {}) },
    <>
      <PageHeader title={title} />
      <ErrorSummary message={problem?.message} errors={problem?.errors} />
      <div class="panel">
        <form method="post" action={roleUrl(n, '/edit')} class="stack">
          <CsrfField token={c.var.csrfToken} />
          <TextArea
            label="Description"
            name="description"
            value={values.description}
            error={problem?.errors?.description}
            rows={3}
            hint="Up to 1,000 characters. Leave empty for none."
          />
          {isServiceLinked(role) ? null : <SessionSelect value={values.maxSession} error={problem?.errors?.maxSession} />}
          <div class="button-row">
            <button type="submit">Save changes</button>
            <a href={roleUrl(n, '#summary')}>Cancel</a>
          </div>
        </form>
      </div>
    </>,
  );
}

settingsRoutes.get('/:name/edit', async (c) => {
  const role = await getRole(c, c.req.param('name'));
  return editPage(c, role, { description: role.Description ?? '', maxSession: String(role.MaxSessionDuration) });
});

settingsRoutes.post('/:name/edit', async (c) => {
  const form = await readForm(c);
  const role = await getRole(c, c.req.param('name'));
  const linked = isServiceLinked(role);
  const values = {
    description: text(form, 'description', 1001),
    maxSession: linked ? String(role.MaxSessionDuration) : text(form, 'maxSession', 10),
  };
  const errors: Record<string, string> = {};
  const description = descriptionProblem(values.description);
  if (description) errors.description = description;
  const session = readSessionDuration(values.maxSession);
  if ('problem' in session) errors.maxSession = session.problem;
  if (Object.keys(errors).length || !('seconds' in session)) return editPage(c, role, values, fieldProblem(errors));
  const n = role.RoleName;
  const r = await attempt(() =>
    c.var.iam.call('UpdateRole', {
      RoleName: n,
      Description: values.description,
      ...(linked ? {} : { MaxSessionDuration: session.seconds }),
    }),
  );
  if (!r.ok) return editPage(c, role, values, apiProblem(r.error));
  return backToSection(c, n, 'summary', `Role ${n} was updated.`);
});

// GET/POST /console/instance-profiles/new: create an instance profile with a name, an optional path and
// tags, in one CreateInstanceProfile call (so a refusal creates nothing). Its role is added on the
// profile's page afterwards, as with the AWS CLI.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, page, readForm, redirectWithNotice, text } from '../../render';
import { CsrfField, ErrorSummary, PageHeader, TextField } from '../../ui/components';
import { readTagRows, TagRows } from './resource-tags';
import { apiProblem, fieldProblem, hasErrors, LIST, pathProblem, profileNameProblem, profilePath, type Problem } from './shared';

export const newProfilePages = new Hono<ConsoleEnv>();

function renderForm(c: ConsoleContext, problem?: Problem) {
  const v = problem?.values ?? {};
  const e = problem?.errors ?? {};
  return page(
    c,
    { title: 'Create instance profile', section: 'instance-profiles', crumbs: [['Instance profiles', LIST]], status: problem?.status },
    <>
      <ErrorSummary message={problem?.message} errors={e} />
      <PageHeader title="Create instance profile" lead="Name the profile. You add the role it passes to instances on the next page." />
      <form method="post" action={`${LIST}/new`} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <TextField
          label="Instance profile name"
          name="name"
          value={v.name}
          error={e.name}
          maxlength={128}
          required
          hint="Up to 128 letters, digits and + = , . @ _ -. Names are unique in the account, whatever their case."
        />
        <TextField
          label="Path (optional)"
          name="path"
          value={v.path}
          error={e.path}
          maxlength={512}
          hint="Leave empty for /. A path such as /web/ appears in the profile's ARN."
        />
        <TagRows values={v} errors={e} />
        <div class="button-row">
          <button type="submit">Create instance profile</button>
          <a href={LIST}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

newProfilePages.get('/', (c) => renderForm(c));

newProfilePages.post('/', async (c) => {
  const form = await readForm(c);
  const name = text(form, 'name', 200);
  const path = text(form, 'path', 600);
  const rows = readTagRows(form);
  const values = { name, path, ...rows.values };
  const errors: Record<string, string> = { ...rows.errors };
  const nameError = profileNameProblem(name);
  if (nameError) errors.name = nameError;
  const pathError = pathProblem(path);
  if (pathError) errors.path = pathError;
  if (hasErrors(errors)) return renderForm(c, fieldProblem(errors, values));

  const made = await attempt(() =>
    c.var.iam.call('CreateInstanceProfile', {
      InstanceProfileName: name,
      Path: path || undefined,
      Tags: rows.tags.length ? rows.tags : undefined,
    }),
  );
  if (!made.ok) {
    const p = apiProblem(made.error, values);
    // A taken name is the name field's problem; anything else (AccessDenied, a tag quota) is the form's.
    return renderForm(
      c,
      made.error.code === 'EntityAlreadyExists' ? { ...p, message: undefined, errors: { name: made.error.message } } : p,
    );
  }
  return redirectWithNotice(c, profilePath(name), `Instance profile ${name} was created.`);
});

// GET/POST /console/server-certificates/:name/edit: rename a server certificate or move it to another
// path (UpdateServerCertificate, one call: a refusal changes nothing). AWS notes that a certificate in
// use keeps working by ARN only if the services using it are updated too; the page says so.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, page, readForm, redirectWithNotice, text } from '../../render';
import { CsrfField, ErrorSummary, PageHeader, TextField } from '../../ui/components';
import {
  apiProblem,
  certificateNameProblem,
  certificatePath,
  fieldProblem,
  getCertificate,
  hasErrors,
  LIST,
  pathProblem,
  type Problem,
  type ServerCertificateMetadata,
} from './shared';

export const editCertificatePages = new Hono<ConsoleEnv>();

function renderForm(c: ConsoleContext, m: ServerCertificateMetadata, problem?: Problem) {
  const n = m.ServerCertificateName;
  const v = problem?.values ?? { name: n, path: m.Path };
  const e = problem?.errors ?? {};
  return page(
    c,
    {
      title: `Rename or move ${n}`,
      section: 'server-certificates',
      crumbs: [
        ['Server certificates', LIST],
        [n, certificatePath(n)],
      ],
      ...(problem ? { status: problem.status } : {}),
    },
    <>
      <ErrorSummary message={problem?.message} errors={e} />
      <PageHeader title={`Rename or move ${n}`} lead="Server certificate" />
      <p class="warning">
        The certificate's ARN changes with its name and path. Load balancers and distributions that use it keep the old reference: update
        them as well.
      </p>
      <form method="post" action={certificatePath(n, '/edit')} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <TextField
          label="Certificate name"
          name="name"
          value={v.name}
          error={e.name}
          maxlength={128}
          required
          hint="Up to 128 letters, digits and + = , . @ _ -."
        />
        <TextField
          label="Path"
          name="path"
          value={v.path}
          error={e.path}
          maxlength={512}
          hint="Starts and ends with /, for example / or /cloudfront/."
        />
        <div class="button-row">
          <button type="submit">Save changes</button>
          <a href={certificatePath(n)}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

editCertificatePages.get('/:name/edit', async (c) =>
  renderForm(c, (await getCertificate(c, c.req.param('name'))).ServerCertificateMetadata),
);

editCertificatePages.post('/:name/edit', async (c) => {
  const form = await readForm(c);
  const m = (await getCertificate(c, c.req.param('name'))).ServerCertificateMetadata;
  const values = { name: text(form, 'name', 200), path: text(form, 'path', 600) || '/' };
  const errors: Record<string, string> = {};
  const nameError = certificateNameProblem(values.name);
  if (nameError) errors.name = nameError;
  const pathError = pathProblem(values.path);
  if (pathError) errors.path = pathError;
  if (!hasErrors(errors) && values.name === m.ServerCertificateName && values.path === m.Path)
    errors.name = 'Enter a new name or a new path: these are the current ones';
  if (hasErrors(errors)) return renderForm(c, m, fieldProblem(errors, values));
  const old = m.ServerCertificateName;
  const r = await attempt(() =>
    c.var.iam.call('UpdateServerCertificate', {
      ServerCertificateName: old,
      NewServerCertificateName: values.name !== old ? values.name : undefined,
      NewPath: values.path !== m.Path ? values.path : undefined,
    }),
  );
  if (!r.ok) {
    const p = apiProblem(r.error, values);
    return renderForm(c, m, r.error.code === 'EntityAlreadyExists' ? { ...p, message: undefined, errors: { name: r.error.message } } : p);
  }
  const what = [values.name !== old ? `renamed to ${values.name}` : '', values.path !== m.Path ? `moved to path ${values.path}` : '']
    .filter(Boolean)
    .join(' and ');
  return redirectWithNotice(c, certificatePath(values.name), `Server certificate ${old} was ${what}.`);
});

// GET/POST /console/server-certificates/:name/delete: delete a server certificate (and its sealed
// private key) after the person types its name. One DeleteServerCertificate call: a refusal changes
// nothing and is shown in AWS's words.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, page, readForm, redirectWithNotice, text } from '../../render';
import { CsrfField, ErrorSummary, PageHeader, TextField } from '../../ui/components';
import { apiProblem, certificatePath, getCertificate, LIST, type Problem, type ServerCertificateMetadata } from './shared';

export const deleteCertificatePages = new Hono<ConsoleEnv>();

function renderConfirm(c: ConsoleContext, m: ServerCertificateMetadata, problem?: Problem) {
  const n = m.ServerCertificateName;
  return page(
    c,
    {
      title: `Delete server certificate ${n}`,
      section: 'server-certificates',
      crumbs: [
        ['Server certificates', LIST],
        [n, certificatePath(n)],
      ],
      ...(problem ? { status: problem.status } : {}),
    },
    <>
      <ErrorSummary message={problem?.message} errors={problem?.errors} />
      <PageHeader title={`Delete server certificate ${n}`} />
      <div class="warning">
        <p>
          The certificate and its private key are deleted. A load balancer or distribution still using it stops serving TLS with it. This
          cannot be undone.
        </p>
      </div>
      <form method="post" action={certificatePath(n, '/delete')} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <TextField label={`To confirm, type the certificate name: ${n}`} name="confirm" required error={problem?.errors?.confirm} />
        <div class="button-row">
          <button type="submit" class="danger">
            Delete server certificate
          </button>
          <a href={certificatePath(n)}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

deleteCertificatePages.get('/:name/delete', async (c) =>
  renderConfirm(c, (await getCertificate(c, c.req.param('name'))).ServerCertificateMetadata),
);

deleteCertificatePages.post('/:name/delete', async (c) => {
  const confirm = text(await readForm(c), 'confirm', 200);
  const m = (await getCertificate(c, c.req.param('name'))).ServerCertificateMetadata;
  const n = m.ServerCertificateName;
  if (confirm !== n) {
    const message = confirm ? `The text you typed is not ${n}` : `Type ${n} to confirm`;
    return renderConfirm(c, m, { errors: { confirm: message }, status: 400 });
  }
  const r = await attempt(() => c.var.iam.call('DeleteServerCertificate', { ServerCertificateName: n }));
  if (!r.ok) return renderConfirm(c, m, apiProblem(r.error));
  return redirectWithNotice(c, LIST, `Server certificate ${n} was deleted.`);
});

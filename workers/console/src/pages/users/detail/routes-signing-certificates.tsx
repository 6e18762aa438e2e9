// The user's X.509 signing certificates, under /console/users/:name/signing-certificates: upload one
// (UploadSigningCertificate: one PEM certificate, currently valid, two per user), activate or
// deactivate it (UpdateSigningCertificate) and delete it after a confirmation (DeleteSigningCertificate).
// Only the certificate is uploaded: its private key stays with whoever signs with it.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../../env';
import { attempt, IamError, readForm } from '../../../render';
import { CsrfField, ErrorSummary, PageHeader } from '../../../ui/components';
import { PEM_LIMITS, PemArea, pemProblem, readPem } from '../../server-certificates/pem-field';
import { backToCredentials, credentialPage, uploadRefusal, type UploadProblem } from './credential-pages';
import { credentialLifecycleRoutes } from './credential-lifecycle';
import { getUser } from './data';
import { backToSection, userUrl } from './shared';

export const signingCertificateRoutes = new Hono<ConsoleEnv>();

const MIN_ID = 24;
const BEGIN = '-----BEGIN CERTIFICATE-----';
const CHOOSE_FROM_LIST = 'Choose the certificate from the list of signing certificates.';

function uploadForm(c: ConsoleContext, name: string, problem?: UploadProblem) {
  return credentialPage(
    c,
    name,
    { title: 'Upload X.509 signing certificate', status: problem?.status },
    <>
      <PageHeader title="Upload X.509 signing certificate" lead={`For user ${name}`} />
      <ErrorSummary message={problem?.message} errors={problem?.error ? { certificate_body: problem.error } : undefined} />
      <form method="post" action={userUrl(name, '/signing-certificates/upload')} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <PemArea
          label="Certificate body"
          name="certificate_body"
          max={PEM_LIMITS.certificate}
          value={problem?.value}
          error={problem?.error}
          rows={10}
          hint={`One certificate in PEM form, from ${BEGIN} to -----END CERTIFICATE-----, currently valid. Up to 16,384 characters; a user can have two.`}
        />
        <div class="button-row">
          <button type="submit">Upload certificate</button>
          <a href={backToCredentials(name)}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

signingCertificateRoutes.get('/:name/signing-certificates/upload', async (c) =>
  uploadForm(c, (await getUser(c, c.req.param('name'))).UserName),
);

signingCertificateRoutes.post('/:name/signing-certificates/upload', async (c) => {
  const name = c.req.param('name');
  const body = readPem(await readForm(c), 'certificate_body', PEM_LIMITS.certificate);
  const problem = !body
    ? 'Paste the certificate body'
    : (pemProblem(body, PEM_LIMITS.certificate, 'certificate body') ??
      (body.includes(BEGIN) ? undefined : `Paste the certificate in PEM form, starting ${BEGIN}`));
  if (problem) return uploadForm(c, name, { value: body, error: problem, status: 400 });
  const r = await attempt(() =>
    c.var.iam.call<{ Certificate: { CertificateId: string } }>('UploadSigningCertificate', { UserName: name, CertificateBody: body }),
  );
  if (!r.ok) {
    if (r.error.code === 'NoSuchEntity') throw r.error;
    return uploadForm(c, name, uploadRefusal(r.error, body));
  }
  return backToSection(
    c,
    name,
    'security-credentials',
    `Signing certificate ${r.value.Certificate.CertificateId} was uploaded for ${name}.`,
  );
});

signingCertificateRoutes.route(
  '/',
  credentialLifecycleRoutes({
    segment: 'signing-certificates',
    field: 'certificate_id',
    param: 'CertificateId',
    minId: MIN_ID,
    updateAction: 'UpdateSigningCertificate',
    deleteAction: 'DeleteSigningCertificate',
    Noun: 'Signing certificate',
    noun: 'signing certificate',
    chooseStatus: 'Choose a certificate and whether it should be Active or Inactive.',
    chooseFromList: CHOOSE_FROM_LIST,
    tickToConfirm: 'Tick the box to confirm the certificate should be deleted',
    deleteTitle: 'Delete signing certificate',
    deleteButton: 'Delete signing certificate',
    deleteWarning: (name) => (
      <p>Requests signed with this certificate's key are no longer accepted for {name}. Deactivating it instead can be undone.</p>
    ),
  }),
);

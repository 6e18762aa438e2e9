// GET/POST /console/server-certificates/upload: upload a server certificate — name, path, the
// certificate body, its private key and an optional chain, each pasted in PEM form — in one
// UploadServerCertificate call. The service checks the chain and proves the key matches the
// certificate, so a wrong key stores nothing. The private key is a secret: it is never shown again,
// not even on a refused form, which asks for it afresh.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, page, readForm, redirectWithNotice, text, type IamError } from '../../render';
import { CsrfField, ErrorSummary, PageHeader, TextField } from '../../ui/components';
import { PEM_LIMITS, PemArea, pemProblem, readPem } from './pem-field';
import { apiProblem, certificateNameProblem, certificatePath, fieldProblem, hasErrors, LIST, pathProblem, type Problem } from './shared';

export const uploadCertificatePages = new Hono<ConsoleEnv>();

function renderForm(c: ConsoleContext, problem?: Problem) {
  const v = problem?.values ?? {};
  const e = problem?.errors ?? {};
  return page(
    c,
    {
      title: 'Upload server certificate',
      section: 'server-certificates',
      crumbs: [['Server certificates', LIST]],
      status: problem?.status,
    },
    <>
      <ErrorSummary message={problem?.message} errors={e} />
      <PageHeader
        title="Upload server certificate"
        lead="Paste the certificate, its private key and, if it was issued by an intermediate authority, the chain, all in PEM form."
      />
      <form method="post" action={`${LIST}/upload`} class="stack server-certificate-form">
        <CsrfField token={c.var.csrfToken} />
        <TextField
          label="Certificate name"
          name="name"
          value={v.name}
          error={e.name}
          maxlength={128}
          required
          hint="Up to 128 letters, digits and + = , . @ _ -. Unique in the account, whatever the case."
        />
        <TextField
          label="Path (optional)"
          name="path"
          value={v.path}
          error={e.path}
          maxlength={512}
          hint="Leave empty for /. For CloudFront, use a path starting /cloudfront/."
        />
        <PemArea
          label="Certificate body"
          name="certificate_body"
          max={PEM_LIMITS.certificate}
          value={v.certificate_body}
          error={e.certificate_body}
          rows={10}
          hint="The certificate alone, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----. Up to 16,384 characters."
        />
        <PemArea
          label="Private key"
          name="private_key"
          max={PEM_LIMITS.privateKey}
          error={e.private_key}
          rows={10}
          hint={
            problem
              ? 'Paste the private key again: the console never sends a private key back to the browser.'
              : 'Unencrypted, PEM (-----BEGIN PRIVATE KEY----- or RSA / EC PRIVATE KEY). Up to 16,384 characters. It is stored encrypted and can never be viewed again.'
          }
        />
        <PemArea
          label="Certificate chain (optional)"
          name="certificate_chain"
          max={PEM_LIMITS.chain}
          value={v.certificate_chain}
          error={e.certificate_chain}
          rows={10}
          hint="The issuing certificate first, then any intermediates in order, each in PEM. AWS allows 2,097,152 characters; this console takes forms up to 256 KB."
        />
        <div class="button-row">
          <button type="submit">Upload server certificate</button>
          <a href={LIST}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

uploadCertificatePages.get('/', (c) => renderForm(c));

const BEGIN_CERTIFICATE = '-----BEGIN CERTIFICATE-----';

/** Which field an upload refusal is about, so its message is shown beside that field. */
function fieldOf(e: IamError): string | null {
  if (e.code === 'EntityAlreadyExists') return 'name';
  if (e.code === 'KeyPairMismatch') return 'private_key';
  if (e.code === 'InvalidCertificate') return 'certificate_body';
  if (e.code !== 'MalformedCertificate') return null;
  if (/private key/i.test(e.message)) return 'private_key';
  if (/chain/i.test(e.message)) return 'certificate_chain';
  return 'certificate_body';
}

uploadCertificatePages.post('/', async (c) => {
  const form = await readForm(c);
  const name = text(form, 'name', 200);
  const path = text(form, 'path', 600);
  const body = readPem(form, 'certificate_body', PEM_LIMITS.certificate);
  const key = readPem(form, 'private_key', PEM_LIMITS.privateKey);
  const chain = readPem(form, 'certificate_chain', PEM_LIMITS.chain);
  // Never the private key: a refused form does not carry it back.
  const values = { name, path, certificate_body: body, certificate_chain: chain };
  const errors: Record<string, string> = {};
  const nameError = certificateNameProblem(name);
  if (nameError) errors.name = nameError;
  const pathError = pathProblem(path);
  if (pathError) errors.path = pathError;
  const bodyError = !body
    ? 'Paste the certificate body'
    : (pemProblem(body, PEM_LIMITS.certificate, 'certificate body') ??
      (body.includes(BEGIN_CERTIFICATE) ? undefined : `Paste the certificate in PEM form, starting ${BEGIN_CERTIFICATE}`));
  if (bodyError) errors.certificate_body = bodyError;
  const keyError = !key
    ? 'Paste the private key'
    : (pemProblem(key, PEM_LIMITS.privateKey, 'private key') ??
      (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)
        ? undefined
        : 'Paste the private key in PEM form, starting -----BEGIN PRIVATE KEY-----'));
  if (keyError) errors.private_key = keyError;
  const chainError = chain
    ? (pemProblem(chain, PEM_LIMITS.chain, 'certificate chain') ??
      (chain.includes(BEGIN_CERTIFICATE) ? undefined : `Paste the chain as PEM certificates, each starting ${BEGIN_CERTIFICATE}`))
    : undefined;
  if (chainError) errors.certificate_chain = chainError;
  if (hasErrors(errors)) return renderForm(c, fieldProblem(errors, values));

  const made = await attempt(() =>
    c.var.iam.call('UploadServerCertificate', {
      ServerCertificateName: name,
      Path: path || undefined,
      CertificateBody: body,
      PrivateKey: key,
      CertificateChain: chain || undefined,
    }),
  );
  if (!made.ok) {
    const p = apiProblem(made.error, values);
    const field = fieldOf(made.error);
    return renderForm(c, field ? { ...p, message: undefined, errors: { [field]: made.error.message } } : p);
  }
  return redirectWithNotice(
    c,
    certificatePath(name),
    `Server certificate ${name} was uploaded. Its private key is stored encrypted and cannot be viewed.`,
  );
});

// GET /console/server-certificates/:name: one server certificate — its ARN, ID, path, when it was
// uploaded and when it expires, the certificate and chain as the API returns them (public material;
// the private key is never returned), and its tags. Also what a refused tag change answers with.
// GetServerCertificate decides whether there is a page (NoSuchEntity → 404, AccessDenied → 403).
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { noticeOf, page } from '../../render';
import { ButtonLink, Copyable, ErrorSummary, Notice, PageHeader, Section, SummaryList, Time } from '../../ui/components';
import { TagsPanel } from '../instance-profiles/resource-tags';
import { certificatePath, getCertificate, isExpired, LIST, type Problem } from './shared';

export const certificateDetailPages = new Hono<ConsoleEnv>();

const certificatesIn = (pem: string) => pem.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;

export async function renderCertificate(c: ConsoleContext, name: string, problem?: Problem) {
  const cert = await getCertificate(c, name);
  const m = cert.ServerCertificateMetadata;
  const n = m.ServerCertificateName;
  const base = certificatePath(n);
  const expired = isExpired(m.Expiration);
  const chain = cert.CertificateChain;
  return page(
    c,
    {
      title: `Server certificate ${n}`,
      section: 'server-certificates',
      crumbs: [['Server certificates', LIST]],
      ...(problem ? { status: problem.status } : {}),
    },
    <>
      {problem ? <ErrorSummary message={problem.message} errors={problem.errors} /> : <Notice message={noticeOf(c)} />}
      <PageHeader
        title={n}
        lead="Server certificate"
        actions={
          <>
            <ButtonLink href={`${base}/edit`} label="Rename or move" secondary />
            <ButtonLink href={`${base}/delete`} label="Delete server certificate" secondary />
          </>
        }
      />
      {expired ? <p class="warning">This certificate has expired: clients will refuse connections that present it.</p> : null}
      <Section title="Summary" id="summary">
        <SummaryList
          rows={[
            ['ARN', <Copyable value={m.Arn} id="server-certificate-arn" label="ARN" />],
            ['Server certificate ID', <span class="mono">{m.ServerCertificateId}</span>],
            ['Path', <span class="mono">{m.Path}</span>],
            ['Uploaded', <Time value={m.UploadDate} />],
            [
              'Expires',
              <>
                <Time value={m.Expiration} never="Unknown" />
                {expired ? <span class="status-warn"> Expired</span> : null}
              </>,
            ],
            ['Certificate chain', chain ? `${certificatesIn(chain)} certificate${certificatesIn(chain) === 1 ? '' : 's'}` : 'None'],
            ['Private key', 'Stored encrypted; it cannot be viewed or downloaded'],
          ]}
        />
      </Section>
      <Section title="Certificate" id="certificate">
        <details class="server-certificate-pem">
          <summary>Show the certificate body (PEM)</summary>
          <pre id="certificate-body">{cert.CertificateBody}</pre>
        </details>
        {chain ? (
          <details class="server-certificate-pem">
            <summary>Show the certificate chain (PEM)</summary>
            <pre id="certificate-chain">{chain}</pre>
          </details>
        ) : null}
      </Section>
      <Section title="Tags" id="tags">
        <TagsPanel tags={cert.Tags ?? []} owner={n} base={base} csrf={c.var.csrfToken} values={problem?.values} errors={problem?.errors} />
      </Section>
    </>,
  );
}

certificateDetailPages.get('/:name', (c) => renderCertificate(c, c.req.param('name')));

// GET /console/server-certificates: the account's server certificates (ListServerCertificates), a page
// at a time with the API's Marker: name, path, when each expires (an expired one says so in words, not
// only in colour) and when it was uploaded. AWS allows 20 per account.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { encode, noticeOf, page } from '../../render';
import { ButtonLink, DataTable, Notice, PageHeader, Pager, Time } from '../../ui/components';
import { certificatePath, isExpired, LIST, type ServerCertificateMetadata } from './shared';

export const certificateListPages = new Hono<ConsoleEnv>();

const PAGE_SIZE = 50;

certificateListPages.get('/', async (c) => {
  const marker = c.req.query('marker') || undefined;
  const out = await c.var.iam.call<{ ServerCertificateMetadataList?: ServerCertificateMetadata[]; IsTruncated?: boolean; Marker?: string }>(
    'ListServerCertificates',
    { MaxItems: PAGE_SIZE, Marker: marker },
  );
  const certs = out.ServerCertificateMetadataList ?? [];
  const next = out.IsTruncated && out.Marker ? `${LIST}?marker=${encode(out.Marker)}` : null;
  return page(
    c,
    { title: 'Server certificates', section: 'server-certificates' },
    <>
      <Notice message={noticeOf(c)} />
      <PageHeader
        title="Server certificates"
        lead="TLS certificates stored in IAM for load balancers and CloudFront, where AWS Certificate Manager is not available. An account can hold 20."
        actions={<ButtonLink href={`${LIST}/upload`} label="Upload server certificate" />}
      />
      <DataTable
        caption="Server certificates"
        head={['Name', 'Path', 'Expires', 'Uploaded']}
        empty="There are no server certificates yet."
        rows={certs.map((m) => [
          <a href={certificatePath(m.ServerCertificateName)}>{m.ServerCertificateName}</a>,
          <span class="mono">{m.Path}</span>,
          <>
            <Time value={m.Expiration} never="Unknown" />
            {isExpired(m.Expiration) ? <span class="status-warn"> Expired</span> : null}
          </>,
          <Time value={m.UploadDate} />,
        ])}
      />
      <Pager next={next} first={marker ? LIST : null} />
    </>,
  );
});

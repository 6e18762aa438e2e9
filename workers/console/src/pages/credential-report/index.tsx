// /console/credential-report: the account's credential report (GenerateCredentialReport,
// GetCredentialReport). The page says when the report was generated and when a new one can be, shows
// it as a table (paged, 100 rows at a time), and offers the CSV exactly as the API returns it.
//
// The download is a route (`/download`, text/csv, attachment) rather than ui/csv's `data:` link: the
// report holds a row per user, and a data: link would carry the whole file again, URL-encoded, inside
// every page view; the report is no once-shown secret, so fetching it again when asked costs nothing.
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { CREDENTIAL_REPORT_MAX_AGE_MS } from '@edge-iam/core/account';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, noticeOf, page, redirectWithNotice, statusFor, type IamError } from '../../render';
import { CsrfField, ErrorSummary, Notice, PageHeader, Pager, SummaryList, Time } from '../../ui/components';
import { parseCsv, readReport, reportFilename, type Report } from './report';
import { ReportTable } from './table';

export const credentialReportPages = new Hono<ConsoleEnv>();

const PAGE_ROWS = 100;
const BASE = '/console/credential-report';

const GenerateButton = ({ csrf, again }: { csrf: string; again: boolean }) => (
  <form method="post" action={`${BASE}/generate`} class="inline">
    <CsrfField token={csrf} />
    <button type="submit" class={again ? 'secondary' : undefined}>
      {again ? 'Generate a new report' : 'Generate report'}
    </button>
  </form>
);

function frame(c: ConsoleContext, body: Child, status?: 400 | 403 | 404 | 409 | 429) {
  return page(c, { title: 'Credential report', section: 'credential-report', status }, body);
}

const LEAD =
  'Every user of the account with the state of their password, MFA, access keys and signing certificates. IAM makes a new report at most every 4 hours.';

function showReport(c: ConsoleContext, report: Report, start: number) {
  const [header = [], ...rows] = parseCsv(new TextDecoder().decode(report.bytes));
  const from = Math.min(start, Math.max(0, rows.length - 1));
  const shown = rows.slice(from, from + PAGE_ROWS);
  const generated = Date.parse(report.generatedAt);
  const renewable = Number.isNaN(generated) ? null : new Date(generated + CREDENTIAL_REPORT_MAX_AGE_MS);
  const link = (s: number) => (s > 0 ? `${BASE}?start=${s}` : BASE);
  return frame(
    c,
    <>
      <Notice message={noticeOf(c)} />
      <PageHeader
        title="Credential report"
        lead={LEAD}
        actions={
          <>
            <a class="button" href={`${BASE}/download`} download={reportFilename(report.generatedAt)}>
              Download report (.csv)
            </a>
            <GenerateButton csrf={c.var.csrfToken} again />
          </>
        }
      />
      <SummaryList
        rows={[
          ['Generated', <Time value={report.generatedAt} />],
          [
            'Next new report',
            renewable && renewable.getTime() > Date.now() ? (
              <>
                From <Time value={renewable.toISOString().replace(/\.\d{3}Z$/, 'Z')} /> (IAM keeps a report for 4 hours; until then Generate
                returns this one)
              </>
            ) : (
              'Now: Generate makes a new report'
            ),
          ],
          ['Rows', `${rows.length} (the root user and ${Math.max(0, rows.length - 1)} IAM users)`],
        ]}
      />
      <h2 class="cr-heading">Report</h2>
      <ReportTable
        header={header}
        rows={shown}
        caption={
          rows.length > PAGE_ROWS ? `Credential report, rows ${from + 1} to ${from + shown.length} of ${rows.length}` : 'Credential report'
        }
      />
      <Pager next={from + PAGE_ROWS < rows.length ? link(from + PAGE_ROWS) : null} first={from > 0 ? link(0) : null} />
    </>,
  );
}

function noReport(c: ConsoleContext, why: IamError) {
  const inProgress = why.code === 'ReportInProgress';
  return frame(
    c,
    <>
      <Notice message={noticeOf(c)} />
      <PageHeader
        title="Credential report"
        lead={LEAD}
        actions={inProgress ? null : <GenerateButton csrf={c.var.csrfToken} again={false} />}
      />
      <p>
        {inProgress ? (
          <>
            The report is being generated. <a href={BASE}>Refresh this page</a> in a moment.
          </>
        ) : (
          'There is no credential report yet. Generate one to see it here and download it.'
        )}
      </p>
    </>,
  );
}

/** A refusal (AccessDenied for iam:GetCredentialReport) in AWS's words, with the page around it. */
const refused = (c: ConsoleContext, error: IamError) =>
  frame(
    c,
    <>
      <ErrorSummary message={error.message} />
      <PageHeader title="Credential report" lead={LEAD} actions={<GenerateButton csrf={c.var.csrfToken} again={false} />} />
    </>,
    statusFor(error),
  );

credentialReportPages.get('/', async (c) => {
  const start = /^\d{1,7}$/.test(c.req.query('start') ?? '') ? Number(c.req.query('start')) : 0;
  const got = await readReport(c);
  if ('error' in got) return refused(c, got.error);
  if ('missing' in got) return noReport(c, got.missing);
  return showReport(c, got.report, start);
});

credentialReportPages.post('/generate', async (c) => {
  const done = await attempt(() => c.var.iam.call<{ State?: string; Description?: string }>('GenerateCredentialReport'));
  if (!done.ok) return refused(c, done.error);
  const { State: state = 'STARTED', Description: description } = done.value;
  const notice =
    state === 'COMPLETE'
      ? 'Report state: COMPLETE. The report below is less than 4 hours old, so IAM kept it rather than making a new one.'
      : `Report state: ${state}. ${description ? `${description}.` : 'A new report is being generated.'}`;
  return redirectWithNotice(c, BASE, notice);
});

credentialReportPages.get('/download', async (c) => {
  const got = await readReport(c);
  if ('error' in got) return refused(c, got.error);
  if ('missing' in got) return redirectWithNotice(c, BASE, 'There is no report to download yet: generate one first.');
  const { report } = got;
  return new Response(report.bytes, {
    headers: {
      // The report's bytes as stored, whatever ReportFormat says: always served as CSV.
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${reportFilename(report.generatedAt)}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});

// A policy's versions: one version's page (its JSON and summary), "set as default"
// (SetDefaultPolicyVersion) and deleting a version that is not the default after a confirm page
// (DeletePolicyVersion). The API refuses both for AWS-managed policies; its words are shown.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, page, readForm, redirectWithNotice, statusFor, text } from '../../render';
import { CsrfField, ErrorSummary, PageHeader, RowButton, Section, SummaryList, Time } from '../../ui/components';
import { PolicySummary } from '../../ui/policy-summary';
import { versionDocument } from './data';
import { arnOf, BASE, getPolicy, isAwsManaged, policyUrl, viewUrl, type Problem } from './shared';
import { orShowPolicy } from './view';

export const policyVersionPages = new Hono<ConsoleEnv>();

const versionOf = (c: ConsoleContext) => (c.req.query('version') ?? '').trim().slice(0, 128);

policyVersionPages.get('/version', async (c) => {
  const arn = arnOf(c);
  const policy = await getPolicy(c, arn);
  const v = await versionDocument(c, policy.Arn, versionOf(c));
  const editable = !isAwsManaged(policy.Arn) && !v.IsDefaultVersion;
  const crumbs = [
    ['Policies', BASE],
    [policy.PolicyName, viewUrl(policy.Arn, 'versions')],
  ] as const;
  return page(
    c,
    { title: `Version ${v.VersionId} of ${policy.PolicyName}`, section: 'policies', crumbs },
    <>
      <PageHeader title={`Version ${v.VersionId} of ${policy.PolicyName}`} />
      <SummaryList
        rows={[
          ['Default version', v.IsDefaultVersion ? 'Yes' : 'No'],
          ['Created', <Time value={v.CreateDate} />],
        ]}
      />
      {editable ? (
        <div class="button-row policies-actions">
          <RowButton
            action={policyUrl('versions/default', policy.Arn)}
            csrf={c.var.csrfToken}
            label="Set as default"
            object={`version ${v.VersionId}`}
            fields={{ version: v.VersionId }}
          />
          <a href={policyUrl('versions/delete', policy.Arn, { version: v.VersionId })}>Delete version {v.VersionId}</a>
        </div>
      ) : null}
      <Section title="Summary" id="summary">
        <PolicySummary document={v.text} />
      </Section>
      <Section title="JSON" id="json">
        <pre class="policies-json" tabindex={0} aria-label={`Policy document, version ${v.VersionId}`}>
          {v.text}
        </pre>
      </Section>
      <p>
        <a href={viewUrl(policy.Arn, 'versions')}>Back to the policy's versions</a>
      </p>
    </>,
  );
});

policyVersionPages.post('/versions/default', async (c) => {
  const arn = arnOf(c);
  const version = text(await readForm(c), 'version', 128);
  return orShowPolicy(c, arn, async () => {
    await c.var.iam.call('SetDefaultPolicyVersion', { PolicyArn: arn, VersionId: version });
    return redirectWithNotice(c, viewUrl(arn, 'versions'), `Version ${version} is now the default version.`);
  });
});

async function renderDeleteVersion(c: ConsoleContext, arn: string, version: string, problem?: Problem) {
  const policy = await getPolicy(c, arn);
  const v = await versionDocument(c, policy.Arn, version);
  const title = `Delete version ${v.VersionId} of ${policy.PolicyName}`;
  return page(
    c,
    {
      title,
      section: 'policies',
      crumbs: [
        ['Policies', BASE],
        [policy.PolicyName, viewUrl(policy.Arn, 'versions')],
      ],
      ...(problem ? { status: problem.status } : {}),
    },
    <>
      <ErrorSummary message={problem?.message} />
      <PageHeader title={title} />
      <div class="warning">
        <p>The version's document is deleted for good. Entities using the policy are not affected: they use the default version.</p>
      </div>
      <details class="policies-version-json">
        <summary>Document of version {v.VersionId}</summary>
        <pre>{v.text}</pre>
      </details>
      <form method="post" action={policyUrl('versions/delete', policy.Arn)} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="version" value={v.VersionId} />
        <div class="button-row">
          <button type="submit" class="danger">
            Delete version {v.VersionId}
          </button>
          <a href={viewUrl(policy.Arn, 'versions')}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

policyVersionPages.get('/versions/delete', (c) => renderDeleteVersion(c, arnOf(c), versionOf(c)));

policyVersionPages.post('/versions/delete', async (c) => {
  const arn = arnOf(c);
  const version = text(await readForm(c), 'version', 128);
  const r = await attempt(() => c.var.iam.call('DeletePolicyVersion', { PolicyArn: arn, VersionId: version }));
  if (!r.ok) return renderDeleteVersion(c, arn, version, { message: r.error.message, status: statusFor(r.error) });
  return redirectWithNotice(c, viewUrl(arn, 'versions'), `Version ${version} was deleted.`);
});

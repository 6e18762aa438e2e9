// GET/POST /console/policies/edit?arn=...: change a customer-managed policy. The JSON editor opens with
// the default version; Next checks it and shows the review (summary, warnings); saving is
// CreatePolicyVersion with SetAsDefault. A policy keeps at most five versions: at five, the review asks
// which one to delete, as the AWS console does, and saving deletes it first. If the new version is
// then refused, the page says the old one is gone.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, page, readForm, redirectWithNotice, statusFor, text } from '../../render';
import { CsrfField, ErrorSummary, PageHeader, Radios, Time, type FieldErrors } from '../../ui/components';
import { checkPolicy, PolicyFindings, type Check } from '../../ui/policy-editor';
import { PolicySummary } from '../../ui/policy-summary';
import { listVersions, versionDocument } from './data';
import { checkForNext, documentOf, intentOf, renderEditor, StepsNav, type EditorStep } from './editor';
import {
  arnOf,
  BASE,
  documentProblem,
  getPolicy,
  isAwsManaged,
  policyUrl,
  READ_ONLY_MESSAGE,
  viewUrl,
  type Policy,
  type PolicyVersion,
} from './shared';

export const editPolicyPages = new Hono<ConsoleEnv>();

const STEPS = ['Edit permissions', 'Review and save'];
const MAX_VERSIONS = 5;

const editorStep = (p: Policy): EditorStep => ({
  title: `Edit policy ${p.PolicyName}`,
  lead: 'Saving adds a new version of the policy and makes it the default; the earlier versions are kept.',
  crumbs: [
    ['Policies', BASE],
    [p.PolicyName, viewUrl(p.Arn)],
  ],
  action: policyUrl('edit', p.Arn),
  cancel: viewUrl(p.Arn),
  steps: STEPS,
});

function readOnly(c: ConsoleContext, p: Policy) {
  return page(
    c,
    { title: `Edit policy ${p.PolicyName}`, section: 'policies', crumbs: [['Policies', BASE]], status: 403 },
    <>
      <ErrorSummary message={READ_ONLY_MESSAGE} />
      <h1>Edit policy {p.PolicyName}</h1>
      <p>
        <a href={viewUrl(p.Arn)}>Back to the policy</a>
      </p>
    </>,
  );
}

interface ReviewView {
  check: Check;
  versions: PolicyVersion[];
  chosen?: string;
  errors?: FieldErrors;
  message?: string;
  status?: 400 | 403 | 404 | 409 | 429;
}

function renderReview(c: ConsoleContext, p: Policy, document: string, view: ReviewView) {
  const warnings = view.check.findings.filter((f) => f.severity === 'warning');
  const atLimit = view.versions.length >= MAX_VERSIONS;
  const deletable = view.versions.filter((v) => !v.IsDefaultVersion);
  return page(
    c,
    {
      title: `Review changes to ${p.PolicyName}`,
      section: 'policies',
      crumbs: [
        ['Policies', BASE],
        [p.PolicyName, viewUrl(p.Arn)],
      ],
      ...(view.status ? { status: view.status } : {}),
    },
    <>
      <ErrorSummary message={view.message} errors={view.errors} />
      <PageHeader
        title={`Review changes to ${p.PolicyName}`}
        lead="Check what the policy will allow. Saving makes this the default version."
      />
      <StepsNav steps={STEPS} current={1} />
      {warnings.length ? (
        <div class="policies-warnings">
          <p>The service has warnings about this policy. You can save it as it is, or go back to the editor.</p>
          <PolicyFindings findings={warnings} field="policy-summary" level={2} />
        </div>
      ) : null}
      <section aria-labelledby="policy-summary-title" id="policy-summary" class="panel">
        <h2 id="policy-summary-title">Permissions defined in this policy</h2>
        <PolicySummary document={document} />
      </section>
      <form method="post" action={policyUrl('edit', p.Arn)} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="document" value={document} />
        {atLimit ? (
          <>
            <p class="warning">
              This policy has {view.versions.length} versions, the most a managed policy can have. Choose one to delete to make room for the
              new version. The default version cannot be deleted.
            </p>
            <Radios
              legend="Version to delete"
              name="delete_version"
              value={view.chosen}
              error={view.errors?.delete_version}
              options={deletable.map((v) => ({ value: v.VersionId, label: v.VersionId, hint: <Time value={v.CreateDate} /> }))}
            />
          </>
        ) : null}
        <div class="button-row">
          <button type="submit" name="intent" value="save">
            Save changes
          </button>
          <button type="submit" name="intent" value="back" class="secondary">
            Back to the editor
          </button>
          <a href={viewUrl(p.Arn)}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

editPolicyPages.get('/edit', async (c) => {
  const p = await getPolicy(c, arnOf(c));
  if (isAwsManaged(p.Arn)) return readOnly(c, p);
  const v = await versionDocument(c, p.Arn, p.DefaultVersionId);
  return renderEditor(c, editorStep(p), { document: v.text });
});

editPolicyPages.post('/edit', async (c) => {
  const p = await getPolicy(c, arnOf(c));
  if (isAwsManaged(p.Arn)) return readOnly(c, p);
  const form = await readForm(c);
  const document = documentOf(form);
  const intent = intentOf(form);
  if (intent === 'load' || intent === 'back') return renderEditor(c, editorStep(p), { document });
  if (intent === 'next') {
    const checked = await checkForNext(c, document);
    if (!checked.ok) return renderEditor(c, editorStep(p), checked.state);
    return renderReview(c, p, document, { check: checked.check, versions: await listVersions(c, p.Arn) });
  }
  const documentError = documentProblem(document);
  if (documentError) return renderEditor(c, editorStep(p), { document, errors: { document: documentError }, status: 400 });

  const [check, versions] = await Promise.all([checkPolicy(c, document, 'IDENTITY_POLICY'), listVersions(c, p.Arn)]);
  const chosen = text(form, 'delete_version', 128);
  let deleted: string | undefined;
  if (versions.length >= MAX_VERSIONS) {
    const review = { check, versions, chosen };
    if (!chosen) return renderReview(c, p, document, { ...review, errors: { delete_version: 'Choose a version to delete' }, status: 400 });
    if (!versions.some((v) => v.VersionId === chosen && !v.IsDefaultVersion))
      return renderReview(c, p, document, { ...review, errors: { delete_version: 'Choose one of the versions listed' }, status: 400 });
    const r = await attempt(() => c.var.iam.call('DeletePolicyVersion', { PolicyArn: p.Arn, VersionId: chosen }));
    if (!r.ok) return renderReview(c, p, document, { ...review, message: r.error.message, status: statusFor(r.error) });
    deleted = chosen;
  }
  const saved = await attempt(() =>
    c.var.iam.call<{ PolicyVersion: PolicyVersion }>('CreatePolicyVersion', {
      PolicyArn: p.Arn,
      PolicyDocument: document,
      SetAsDefault: true,
    }),
  );
  if (!saved.ok) {
    const err = saved.error;
    const message = deleted ? `Version ${deleted} was deleted, but the new version was not saved: ${err.message}` : err.message;
    if (err.code === 'MalformedPolicyDocument' || (err.code === 'LimitExceeded' && err.message.includes('PolicySize')))
      return renderEditor(c, editorStep(p), { document, check, message, errors: { document: 'Correct the policy document' }, status: 400 });
    // e.g. another version was created meanwhile (LimitExceeded): the review shows the versions as they are now.
    return renderReview(c, p, document, { check, versions: await listVersions(c, p.Arn), message, status: statusFor(err) });
  }
  const made = saved.value.PolicyVersion.VersionId;
  const room = deleted ? ` Version ${deleted} was deleted to make room.` : '';
  return redirectWithNotice(c, viewUrl(p.Arn, 'versions'), `Saved version ${made} as the default version of ${p.PolicyName}.${room}`);
});

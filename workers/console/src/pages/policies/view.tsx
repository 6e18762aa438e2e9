// GET /console/policies/view?arn=...: one policy's page, also what a refused change on it answers
// with (the same page, the API's message on top, typed values kept, under the API's status). Sections
// follow the AWS console's tabs, as in-page anchors so the page works without script.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, noticeOf, page, statusFor } from '../../render';
import { ButtonLink, Copyable, ErrorSummary, Notice, PageHeader, Section, SummaryList, Time } from '../../ui/components';
import { loadPolicyDetail } from './data';
import { BoundarySection, CopyToNew, EntitiesSection, PermissionsSection, TagsSection, VersionsSection } from './sections';
import { arnOf, BASE, isAwsManaged, policyType, policyUrl, TYPE_LABEL, type Problem } from './shared';

export const policyViewPages = new Hono<ConsoleEnv>();

export async function renderPolicyDetail(c: ConsoleContext, arn: string, problem?: Problem, values?: Record<string, string>) {
  const d = await loadPolicyDetail(c, arn);
  const p = d.policy;
  const csrf = c.var.csrfToken;
  const customer = !isAwsManaged(p.Arn);
  const toc: [string, string][] = [
    ['summary', 'Summary'],
    ['permissions', 'Permissions'],
    ['versions', 'Versions'],
    ['entities', 'Entities attached'],
    ['boundary', 'Used as permissions boundary'],
    ...(customer
      ? ([
          ['tags', 'Tags'],
          ['delete', 'Delete'],
        ] as [string, string][])
      : []),
  ];
  return page(
    c,
    { title: `Policy ${p.PolicyName}`, section: 'policies', crumbs: [['Policies', BASE]], ...(problem ? { status: problem.status } : {}) },
    <>
      {problem ? <ErrorSummary message={problem.message} errors={problem.errors} /> : <Notice message={noticeOf(c)} />}
      <PageHeader
        title={p.PolicyName}
        lead={TYPE_LABEL[policyType(p)]}
        actions={
          <>
            {customer ? <ButtonLink href={policyUrl('edit', p.Arn)} label="Edit" /> : null}
            {d.document.ok ? <CopyToNew document={d.document.value} csrf={csrf} /> : null}
          </>
        }
      />
      {customer ? null : (
        <p class="hint">AWS manages this policy and updates it. You can attach it and detach it; to change it, copy it to a new policy.</p>
      )}
      <nav class="policies-toc" aria-label="On this page">
        <ul>
          {toc.map(([id, label]) => (
            <li>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <Section title="Summary" id="summary">
        <SummaryList
          rows={[
            ['ARN', <Copyable value={p.Arn} id="policy-arn" label="ARN" />],
            ['Type', TYPE_LABEL[policyType(p)]],
            ['Description', p.Description ? p.Description : <span class="muted">None</span>],
            ['Path', <span class="mono">{p.Path}</span>],
            ['Created', <Time value={p.CreateDate} />],
            ['Last edited', <Time value={p.UpdateDate} />],
            ['Default version', p.DefaultVersionId],
            ['Attached to', `${p.AttachmentCount ?? 0} ${p.AttachmentCount === 1 ? 'entity' : 'entities'}`],
            [
              'Used as permissions boundary by',
              `${p.PermissionsBoundaryUsageCount ?? 0} ${p.PermissionsBoundaryUsageCount === 1 ? 'entity' : 'entities'}`,
            ],
          ]}
        />
      </Section>
      <PermissionsSection d={d} />
      <VersionsSection d={d} csrf={csrf} />
      <EntitiesSection d={d} csrf={csrf} />
      <BoundarySection d={d} />
      <TagsSection d={d} csrf={csrf} problem={problem} values={values} />
      {customer ? (
        <Section title="Delete" id="delete">
          <p>
            Deleting the policy first detaches it from every user, group and role and deletes its other versions, as the AWS console does.
            It cannot be undone.
          </p>
          <p>
            <a class="button secondary" href={policyUrl('delete', p.Arn)}>
              Delete policy {p.PolicyName}
            </a>
          </p>
        </Section>
      ) : null}
    </>,
  );
}

policyViewPages.get('/view', (c) => renderPolicyDetail(c, arnOf(c)));

/** For one-button forms: a refusal re-renders the policy page with the API's message. */
export async function orShowPolicy(
  c: ConsoleContext,
  arn: string,
  work: () => Promise<Response>,
  values?: Record<string, string>,
): Promise<Response> {
  const r = await attempt(work);
  if (r.ok) return r.value;
  return renderPolicyDetail(c, arn, { message: r.error.message, status: statusFor(r.error) }, values);
}

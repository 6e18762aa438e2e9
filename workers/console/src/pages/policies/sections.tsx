// The sections of a policy's page below its summary: permissions (the summary by service and access
// level, and the default version's JSON), versions, the entities it is attached to, those it is the
// permissions boundary of, and tags. AWS-managed policies get no change buttons here but Detach:
// AWS owns them, and an account may only attach and detach them.
import type { FC } from 'hono/jsx';
import { CsrfField, DataTable, RowButton, Section, TextField, Time, ButtonLink } from '../../ui/components';
import { PolicySummary } from '../../ui/policy-summary';
import type { PolicyDetail, Read } from './data';
import { entityUrl, isAwsManaged, KIND_TITLE, policyUrl, type Problem } from './shared';

const MAX_CUSTOMER_VERSIONS = 5;

/** A section the person may not read: the API's own words, so they know which permission is missing. */
export const Unavailable: FC<{ read: Read<unknown> }> = ({ read }) =>
  read.ok ? null : (
    <p class="warning">
      <span class="visually-hidden">Not available: </span>
      {read.error.message}
    </p>
  );

export const PermissionsSection: FC<{ d: PolicyDetail }> = ({ d }) => (
  <Section title="Permissions" id="permissions">
    {d.document.ok ? (
      <>
        <h3>Summary</h3>
        <PolicySummary document={d.document.value} />
        <h3 id="policy-json-title">
          JSON <span class="muted">(version {d.policy.DefaultVersionId}, the default)</span>
        </h3>
        <pre class="policies-json" aria-labelledby="policy-json-title" tabindex={0}>
          {d.document.value}
        </pre>
      </>
    ) : (
      <Unavailable read={d.document} />
    )}
  </Section>
);

export const VersionsSection: FC<{ d: PolicyDetail; csrf: string }> = ({ d, csrf }) => {
  const arn = d.policy.Arn;
  const readOnly = isAwsManaged(arn);
  return (
    <Section title="Versions" id="versions">
      {!readOnly && d.versions.ok ? (
        <p class="hint">
          {d.versions.value.length} of {MAX_CUSTOMER_VERSIONS} versions. Saving a change adds a version and makes it the default; at five,
          the editor asks which one to delete.
        </p>
      ) : null}
      {d.versions.ok ? (
        <DataTable
          caption={`Versions of ${d.policy.PolicyName}`}
          hideCaption
          head={readOnly ? ['Version', 'Default', 'Created'] : ['Version', 'Default', 'Created', 'Actions']}
          rows={d.versions.value.map((v) => {
            const row = [
              <a href={policyUrl('version', arn, { version: v.VersionId })}>
                {v.VersionId}
                <span class="visually-hidden"> (view)</span>
              </a>,
              v.IsDefaultVersion ? <strong>Default</strong> : <span class="muted">No</span>,
              <Time value={v.CreateDate} />,
            ];
            if (readOnly) return row;
            return [
              ...row,
              v.IsDefaultVersion ? (
                <span class="muted">The default version cannot be deleted</span>
              ) : (
                <div class="button-row">
                  <RowButton
                    action={policyUrl('versions/default', arn)}
                    csrf={csrf}
                    label="Set as default"
                    object={`version ${v.VersionId}`}
                    fields={{ version: v.VersionId }}
                  />
                  <a href={policyUrl('versions/delete', arn, { version: v.VersionId })}>
                    Delete<span class="visually-hidden"> version {v.VersionId}</span>
                  </a>
                </div>
              ),
            ];
          })}
        />
      ) : (
        <Unavailable read={d.versions} />
      )}
    </Section>
  );
};

export const EntitiesSection: FC<{ d: PolicyDetail; csrf: string }> = ({ d, csrf }) => {
  const arn = d.policy.Arn;
  return (
    <Section
      title={`Entities attached (${d.attached.ok ? d.attached.value.length : d.policy.AttachmentCount})`}
      id="entities"
      actions={<ButtonLink href={policyUrl('attach', arn)} label="Attach" />}
    >
      {d.attached.ok ? (
        <DataTable
          caption={`Users, groups and roles ${d.policy.PolicyName} is attached to`}
          hideCaption
          head={['Name', 'Type', 'Action']}
          empty="This policy is not attached to any user, group or role."
          rows={d.attached.value.map((e) => [
            <a href={entityUrl(e.kind, e.name)}>{e.name}</a>,
            KIND_TITLE[e.kind],
            <RowButton
              action={policyUrl('detach', arn)}
              csrf={csrf}
              label="Detach"
              object={`from ${e.kind} ${e.name}`}
              fields={{ kind: e.kind, name: e.name }}
            />,
          ])}
        />
      ) : (
        <Unavailable read={d.attached} />
      )}
    </Section>
  );
};

export const BoundarySection: FC<{ d: PolicyDetail }> = ({ d }) => (
  <Section title={`Used as permissions boundary (${d.policy.PermissionsBoundaryUsageCount ?? 0})`} id="boundary">
    <p class="hint">
      A permissions boundary caps what a user or role may do, whatever its other policies allow. Change it on the user's or role's page.
    </p>
    {d.boundaryOf.ok ? (
      <DataTable
        caption={`Users and roles whose permissions boundary is ${d.policy.PolicyName}`}
        hideCaption
        head={['Name', 'Type']}
        empty="No user or role uses this policy as its permissions boundary."
        rows={d.boundaryOf.value.map((e) => [<a href={entityUrl(e.kind, e.name)}>{e.name}</a>, KIND_TITLE[e.kind]])}
      />
    ) : (
      <Unavailable read={d.boundaryOf} />
    )}
  </Section>
);

export const TagsSection: FC<{ d: PolicyDetail; csrf: string; problem?: Problem | undefined; values?: Record<string, string> }> = ({
  d,
  csrf,
  problem,
  values,
}) => {
  if (!d.tags) return null;
  const arn = d.policy.Arn;
  return (
    <Section title="Tags" id="tags">
      {d.tags.ok ? (
        <DataTable
          caption={`Tags of ${d.policy.PolicyName}`}
          hideCaption
          head={['Key', 'Value', 'Action']}
          empty="This policy has no tags."
          rows={d.tags.value.map((t) => [
            <span class="mono">{t.Key}</span>,
            t.Value ? <span class="mono">{t.Value}</span> : <span class="muted">(empty)</span>,
            <RowButton
              action={policyUrl('tags/remove', arn)}
              csrf={csrf}
              label="Remove"
              object={`tag ${t.Key}`}
              fields={{ tag_key: t.Key }}
            />,
          ])}
        />
      ) : (
        <Unavailable read={d.tags} />
      )}
      <h3 id="add-tag-title">Add or replace a tag</h3>
      <form method="post" action={policyUrl('tags', arn)} class="stack" aria-labelledby="add-tag-title">
        <CsrfField token={csrf} />
        <TextField
          label="Key"
          name="tag_key"
          value={values?.tag_key}
          error={problem?.errors?.tag_key}
          maxlength={128}
          hint="Up to 128 characters. A tag with the same key gets the new value."
        />
        <TextField label="Value (optional)" name="tag_value" value={values?.tag_value} error={problem?.errors?.tag_value} maxlength={256} />
        <div class="button-row">
          <button type="submit">Save tag</button>
        </div>
      </form>
    </Section>
  );
};

/** "Copy to a new policy": the document goes to the JSON editor of a new policy, prefilled, nothing saved. */
export const CopyToNew: FC<{ document: string; csrf: string }> = ({ document, csrf }) => (
  <form method="post" action="/console/policies/new" class="inline">
    <CsrfField token={csrf} />
    <input type="hidden" name="intent" value="load" />
    <input type="hidden" name="document" value={document} />
    <button type="submit" class="secondary">
      Copy to a new policy
    </button>
  </form>
);

// The Permissions section of the role page: attached managed policies (detach, attach more), inline
// policies (the JSON readable in a disclosure; create, edit, delete) and the permissions boundary (set,
// change, remove). A service-linked role's permissions belong to its service: shown, not offered.
import type { FC } from 'hono/jsx';
import { ButtonLink, DataTable, RowButton, Section } from '../../../ui/components';
import { isServiceLinked, roleUrl } from '../shared';
import type { RoleDetail } from './data';
import { Unavailable } from './view-tags';

export const PermissionsSection: FC<{ d: RoleDetail; csrf: string }> = ({ d, csrf }) => {
  const n = d.role.RoleName;
  const linked = isServiceLinked(d.role);
  const boundary = d.role.PermissionsBoundary?.PermissionsBoundaryArn;
  return (
    <Section title="Permissions" id="permissions">
      <div class="panel-header role-subhead">
        <h3>Attached managed policies</h3>
        {linked ? null : <ButtonLink href={roleUrl(n, '/policies/attach')} label="Attach policies" secondary />}
      </div>
      {d.attached.ok ? (
        <DataTable
          caption={`Managed policies attached to ${n}`}
          hideCaption
          head={linked ? ['Policy name', 'ARN'] : ['Policy name', 'ARN', 'Action']}
          empty="No managed policies are attached to this role."
          rows={d.attached.value.map((p) => [
            p.PolicyName,
            <span class="mono">{p.PolicyArn}</span>,
            ...(linked
              ? []
              : [
                  <RowButton
                    action={roleUrl(n, '/policies/detach')}
                    csrf={csrf}
                    fields={{ policy_arn: p.PolicyArn }}
                    label="Detach"
                    object={`policy ${p.PolicyName}`}
                  />,
                ]),
          ])}
        />
      ) : (
        <Unavailable error={d.attached.error} />
      )}

      <div class="panel-header role-subhead">
        <h3>Inline policies</h3>
        {linked ? null : <ButtonLink href={roleUrl(n, '/inline')} label="Create inline policy" secondary />}
      </div>
      {d.inline.ok ? (
        d.inline.value.length === 0 ? (
          <p class="muted">This role has no inline policies.</p>
        ) : (
          <ul class="role-inline">
            {d.inline.value.map((p) => (
              <li>
                <details class="role-inline-policy">
                  <summary>{p.name}</summary>
                  {p.document.ok ? <pre class="role-policy">{p.document.value}</pre> : <Unavailable error={p.document.error} />}
                </details>
                {linked ? null : (
                  <div class="button-row">
                    <a href={roleUrl(n, `/inline?${new URLSearchParams({ policy: p.name })}`)}>
                      Edit<span class="visually-hidden"> inline policy {p.name}</span>
                    </a>
                    <RowButton
                      action={roleUrl(n, '/inline/delete')}
                      csrf={csrf}
                      fields={{ policy_name: p.name }}
                      label="Delete"
                      object={`inline policy ${p.name}`}
                      danger
                    />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )
      ) : (
        <Unavailable error={d.inline.error} />
      )}

      <h3>Permissions boundary</h3>
      <p>
        {boundary ? (
          <>
            The role may do only what both its policies and <span class="mono">{boundary}</span> allow.
          </>
        ) : (
          'Not set: the role’s policies alone decide what it may do.'
        )}
      </p>
      {linked ? null : (
        <div class="button-row">
          <ButtonLink href={roleUrl(n, '/boundary')} label={boundary ? 'Change boundary' : 'Set boundary'} secondary />
          {boundary ? (
            <RowButton action={roleUrl(n, '/boundary/delete')} csrf={csrf} fields={{}} label="Remove boundary" object={boundary} danger />
          ) : null}
        </div>
      )}
    </Section>
  );
};

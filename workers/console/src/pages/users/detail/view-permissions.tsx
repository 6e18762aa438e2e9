// The Permissions section of the user detail page: managed policies attached to the user, its inline
// policies (the JSON readable in a disclosure), what it gets from its groups, and its permissions
// boundary. Each change is a form posting to its own route (routes-permissions.tsx).
import type { FC } from 'hono/jsx';
import { CsrfField, DataTable, Section, TextField } from '../../../ui/components';
import type { UserDetail } from './data';
import { PostButton, Unavailable } from './parts';
import { userUrl, type Problem } from './shared';

export const PermissionsSection: FC<{ d: UserDetail; csrf: string; problem?: Problem | undefined }> = ({ d, csrf, problem }) => {
  const n = d.user.UserName;
  const boundary = d.user.PermissionsBoundary?.PermissionsBoundaryArn;
  return (
    <Section title="Permissions" id="permissions">
      <h3>Attached managed policies</h3>
      {d.attached.ok ? (
        <DataTable
          caption={`Managed policies attached to ${n}`}
          hideCaption
          head={['Policy name', 'ARN', 'Action']}
          empty="No managed policies are attached to this user."
          rows={d.attached.value.map((p) => [
            p.PolicyName,
            <span class="mono">{p.PolicyArn}</span>,
            <PostButton
              action={userUrl(n, '/permissions/detach')}
              csrf={csrf}
              fields={{ policy_arn: p.PolicyArn }}
              label="Detach"
              object={`policy ${p.PolicyName}`}
            />,
          ])}
        />
      ) : (
        <Unavailable error={d.attached.error} />
      )}
      <p>
        <a class="button secondary" href={userUrl(n, '/permissions/attach')}>
          Attach policies
        </a>
      </p>

      <h3>Inline policies</h3>
      {d.inline.ok ? (
        d.inline.value.length === 0 ? (
          <p class="muted">This user has no inline policies.</p>
        ) : (
          <ul class="user-detail-inline">
            {d.inline.value.map((p) => (
              <li>
                <details class="user-detail-policy">
                  <summary>{p.name}</summary>
                  {p.document.ok ? <pre>{p.document.value}</pre> : <Unavailable error={p.document.error} />}
                </details>
                <div class="button-row">
                  <a href={userUrl(n, `/inline-policies/edit?policy=${encodeURIComponent(p.name)}`)}>
                    Edit<span class="visually-hidden"> inline policy {p.name}</span>
                  </a>
                  <PostButton
                    action={userUrl(n, '/inline-policies/delete')}
                    csrf={csrf}
                    fields={{ policy_name: p.name }}
                    label="Delete"
                    object={`inline policy ${p.name}`}
                    danger
                  />
                </div>
              </li>
            ))}
          </ul>
        )
      ) : (
        <Unavailable error={d.inline.error} />
      )}
      <p>
        <a class="button secondary" href={userUrl(n, '/inline-policies/edit')}>
          Create inline policy
        </a>
      </p>

      <h3>Permissions from groups</h3>
      {d.groups.ok ? (
        <DataTable
          caption={`Policies ${n} gets from its groups`}
          hideCaption
          head={['Group', 'Policy', 'Type']}
          empty="This user is in no groups, so it gets no permissions from groups."
          rows={d.groups.value.flatMap((g) => {
            const link = <a href={`/console/groups/${encodeURIComponent(g.group.GroupName)}`}>{g.group.GroupName}</a>;
            const attached = g.attached.ok
              ? g.attached.value.map((p) => [link, p.PolicyName, 'Managed'])
              : [[link, g.attached.error.message, '—']];
            const inline = g.inline.ok ? g.inline.value.map((p) => [link, p, 'Inline']) : [[link, g.inline.error.message, '—']];
            const rows = [...attached, ...inline];
            return rows.length > 0 ? rows : [[link, <span class="muted">No policies</span>, '—']];
          })}
        />
      ) : (
        <Unavailable error={d.groups.error} />
      )}

      <h3 id="boundary-title">Permissions boundary</h3>
      <p>
        {boundary ? (
          <>
            The user's permissions are limited to what <span class="mono">{boundary}</span> allows.
          </>
        ) : (
          <>Not set: the user's policies alone decide what it may do.</>
        )}
      </p>
      <form method="post" action={userUrl(n, '/permissions-boundary')} class="stack" aria-labelledby="boundary-title">
        <CsrfField token={csrf} />
        <TextField
          label={boundary ? 'New permissions boundary (policy ARN)' : 'Permissions boundary (policy ARN)'}
          name="boundary_arn"
          value={problem?.values?.boundary_arn ?? ''}
          hint="A managed policy's ARN, for example arn:aws:iam::aws:policy/PowerUserAccess."
          error={problem?.errors?.boundary_arn}
          maxlength={2048}
          mono
        />
        <div class="button-row">
          <button type="submit">{boundary ? 'Change boundary' : 'Set boundary'}</button>
        </div>
      </form>
      {boundary ? (
        <p>
          <PostButton
            action={userUrl(n, '/permissions-boundary/delete')}
            csrf={csrf}
            fields={{}}
            label="Remove boundary"
            object={boundary}
            danger
          />
        </p>
      ) : null}
    </Section>
  );
};

// The Groups and Tags sections of the user detail page: the groups the user is in (remove, or add to
// more with a checkbox list of the account's other groups) and the user's tags (add or replace a
// value by key, remove one). Their forms post to routes-membership.tsx.
import type { FC } from 'hono/jsx';
import { Checkbox, CsrfField, DataTable, Section, TextField } from '../../../ui/components';
import type { UserDetail } from './data';
import { PostButton, Unavailable } from './parts';
import { userUrl, type Problem } from './shared';

export const GroupsSection: FC<{ d: UserDetail; csrf: string; problem?: Problem | undefined }> = ({ d, csrf, problem }) => {
  const n = d.user.UserName;
  const member = new Set(d.groups.ok ? d.groups.value.map((g) => g.group.GroupName.toLowerCase()) : []);
  const others = d.allGroups.ok ? d.allGroups.value.filter((g) => !member.has(g.GroupName.toLowerCase())) : [];
  const error = problem?.errors?.add_groups;
  return (
    <Section title="Groups" id="groups">
      {d.groups.ok ? (
        <DataTable
          caption={`Groups ${n} belongs to`}
          hideCaption
          head={['Group name', 'Action']}
          empty="This user is in no groups."
          rows={d.groups.value.map((g) => [
            <a href={`/console/groups/${encodeURIComponent(g.group.GroupName)}`}>{g.group.GroupName}</a>,
            <PostButton
              action={userUrl(n, '/groups/remove')}
              csrf={csrf}
              fields={{ group: g.group.GroupName }}
              label="Remove"
              object={`from group ${g.group.GroupName}`}
            />,
          ])}
        />
      ) : (
        <Unavailable error={d.groups.error} />
      )}
      <h3 id="add-groups-title">Add to groups</h3>
      {!d.allGroups.ok ? (
        <Unavailable error={d.allGroups.error} />
      ) : others.length === 0 ? (
        <p class="muted">There are no other groups to add this user to.</p>
      ) : (
        <form method="post" action={userUrl(n, '/groups/add')} class="stack" aria-labelledby="add-groups-title">
          <CsrfField token={csrf} />
          <fieldset class={error ? 'field has-error' : 'field'} id="add_groups">
            <legend>Groups to add {n} to</legend>
            {error ? <p class="field-error">{error}</p> : null}
            {others.map((g, i) => (
              <Checkbox name="group" value={g.GroupName} id={`add-group-${i}`} label={g.GroupName} />
            ))}
          </fieldset>
          <div class="button-row">
            <button type="submit">Add to groups</button>
          </div>
        </form>
      )}
    </Section>
  );
};

export const TagsSection: FC<{ d: UserDetail; csrf: string; problem?: Problem | undefined }> = ({ d, csrf, problem }) => {
  const n = d.user.UserName;
  return (
    <Section title="Tags" id="tags">
      {d.tags.ok ? (
        <DataTable
          caption={`Tags of ${n}`}
          hideCaption
          head={['Key', 'Value', 'Action']}
          empty="This user has no tags."
          rows={d.tags.value.map((t) => [
            <span class="mono">{t.Key}</span>,
            t.Value ? <span class="mono">{t.Value}</span> : <span class="muted">(empty)</span>,
            <PostButton
              action={userUrl(n, '/tags/remove')}
              csrf={csrf}
              fields={{ tag_key: t.Key }}
              label="Remove"
              object={`tag ${t.Key}`}
            />,
          ])}
        />
      ) : (
        <Unavailable error={d.tags.error} />
      )}
      <h3 id="add-tag-title">Add or replace a tag</h3>
      <form method="post" action={userUrl(n, '/tags')} class="stack" aria-labelledby="add-tag-title">
        <CsrfField token={csrf} />
        <TextField
          label="Key"
          name="tag_key"
          value={problem?.values?.tag_key}
          error={problem?.errors?.tag_key}
          maxlength={128}
          hint="Up to 128 characters. A tag with the same key gets the new value."
        />
        <TextField
          label="Value (optional)"
          name="tag_value"
          value={problem?.values?.tag_value}
          error={problem?.errors?.tag_value}
          maxlength={256}
        />
        <div class="button-row">
          <button type="submit">Save tag</button>
        </div>
      </form>
    </Section>
  );
};

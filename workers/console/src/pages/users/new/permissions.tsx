// Step 3 of adding a user: where the user's permissions come from, as in AWS's wizard: membership of
// groups (best practice), a copy of another user's groups and managed policies, or policies attached
// directly. Each list has a name filter (a "Search" button posts the form back with the answers so
// far, so nothing is lost and no script is needed), and "Create group" opens a small page that makes a
// group on the spot and comes back here with it ticked.
import type { ConsoleContext } from '../../../env';
import { list, text, type Form } from '../../../render';
import type { FieldErrors } from '../../../ui/components';
import { groupChoices, policyChoices, policyNameOf, userChoices, type Choices } from './choices';
import { mergeSelection, type Draft, type PermissionMode } from './draft';
import { wizardPage, type StepView } from './frame';

// AWS's quotas: GroupsPerUser and AttachedPoliciesPerUserQuota.
const MAX_GROUPS = 10;
const MAX_POLICIES = 10;

export interface Filters {
  groups: string;
  users: string;
  policies: string;
}

export const readFilters = (form: Form): Filters => ({
  groups: text(form, 'group_search', 128),
  users: text(form, 'user_search', 64),
  policies: text(form, 'policy_search', 128),
});

export function readPermissions(form: Form, d: Draft): Draft {
  const mode = (['groups', 'copy', 'attach'] as const).find((m) => m === form.permissionMode) ?? d.permissionMode;
  return {
    ...d,
    permissionMode: mode,
    groups: mergeSelection(d.groups, list(form, 'group_shown'), list(form, 'group')),
    copyFrom: text(form, 'copyFrom', 64),
    policies: mergeSelection(d.policies, list(form, 'policy_shown'), list(form, 'policy')),
  };
}

export function permissionErrors(d: Draft): FieldErrors {
  if (d.permissionMode === 'copy' && !d.copyFrom) return { copyFrom: 'Choose a user to copy permissions from' };
  if (d.permissionMode === 'groups' && d.groups.length > MAX_GROUPS) return { groups: `A user can be in at most ${MAX_GROUPS} groups` };
  if (d.permissionMode === 'attach' && d.policies.length > MAX_POLICIES) {
    return { policies: `At most ${MAX_POLICIES} managed policies can be attached to a user` };
  }
  return {};
}

const Search = ({ id, label, value, button }: { id: string; label: string; value: string; button: string }) => (
  <div class="field wizard-search">
    <label for={id}>{label}</label>
    <div class="wizard-search-row">
      <input type="search" id={id} name={id} value={value} autocomplete="off" spellcheck={false} />
      <button type="submit" name="op" value="filter" class="secondary">
        {button}
      </button>
    </div>
  </div>
);

const Denied = ({ what, message }: { what: string; message: string }) => (
  <p class="warning">
    You cannot list {what} here: {message}
  </p>
);

/** Choices the filter hides but the person already picked, so they know those stay picked. */
const AlsoSelected = ({ picked, shown, name }: { picked: readonly string[]; shown: readonly string[]; name: (v: string) => string }) => {
  const hidden = picked.filter((p) => !shown.includes(p));
  return hidden.length ? <p class="hint">Also selected (not matching the filter): {hidden.map(name).join(', ')}</p> : null;
};

const More = ({ on }: { on: boolean }) => (on ? <p class="hint">More match than are shown: narrow the search.</p> : null);

/** Checkboxes with index-based ids: names may differ only in characters an id cannot hold. */
export function PolicyBoxes(p: { name: string; choices: Choices<{ PolicyName: string; Arn: string }>; picked: readonly string[] }) {
  return (
    <>
      {p.choices.items.map((pol, i) => (
        <div class="check">
          <input type="hidden" name={`${p.name}_shown`} value={pol.Arn} />
          <input type="checkbox" id={`${p.name}-${i}`} name={p.name} value={pol.Arn} checked={p.picked.includes(pol.Arn)} />
          <label for={`${p.name}-${i}`}>
            {pol.PolicyName}
            <span class="hint mono">{pol.Arn}</span>
          </label>
        </div>
      ))}
      {p.choices.items.length === 0 && !p.choices.denied ? <p class="muted">No policies with names containing that text.</p> : null}
      <AlsoSelected picked={p.picked} shown={p.choices.items.map((x) => x.Arn)} name={policyNameOf} />
      <More on={p.choices.more} />
    </>
  );
}

const MODES: readonly { value: PermissionMode; label: string; hint: string }[] = [
  { value: 'groups', label: 'Add user to groups', hint: 'Recommended: manage permissions by job function.' },
  { value: 'copy', label: 'Copy permissions', hint: 'The groups and managed policies of an existing user.' },
  { value: 'attach', label: 'Attach policies directly', hint: 'Managed policies on this user alone.' },
];

export async function permissionsPage(c: ConsoleContext, d: Draft, view: StepView & { filters?: Filters } = {}) {
  const f = view.filters ?? { groups: '', users: '', policies: '' };
  const e = view.errors ?? {};
  const [groups, users, policies] = await Promise.all([groupChoices(c, f.groups), userChoices(c, f.users), policyChoices(c, f.policies)]);
  const shownGroups = groups.items.map((g) => g.GroupName);
  // The chosen user stays an option whatever the filter shows.
  const userNames = [...new Set([...(d.copyFrom ? [d.copyFrom] : []), ...users.items.map((u) => u.UserName)])];
  return wizardPage(
    c,
    { ...view, step: 'permissions', draft: d },
    <>
      <fieldset class="field" id="permissionMode">
        <legend>Permissions options</legend>
        {MODES.map((m) => (
          <div class="check">
            <input
              type="radio"
              id={`permissionMode-${m.value}`}
              name="permissionMode"
              value={m.value}
              checked={d.permissionMode === m.value}
            />
            <label for={`permissionMode-${m.value}`}>
              {m.label}
              <span class="hint">{m.hint}</span>
            </label>
          </div>
        ))}
      </fieldset>

      <fieldset class={e.groups ? 'field wizard-choices has-error' : 'field wizard-choices'} id="groups">
        <legend>Groups</legend>
        {e.groups ? <p class="field-error">{e.groups}</p> : null}
        <Search id="group_search" label="Search groups by name" value={f.groups} button="Search groups" />
        {groups.denied ? <Denied what="groups" message={groups.denied} /> : null}
        {groups.items.map((g, i) => (
          <div class="check">
            <input type="hidden" name="group_shown" value={g.GroupName} />
            <input type="checkbox" id={`group-${i}`} name="group" value={g.GroupName} checked={d.groups.includes(g.GroupName)} />
            <label for={`group-${i}`}>{g.GroupName}</label>
          </div>
        ))}
        {groups.items.length === 0 && !groups.denied ? (
          <p class="muted">{f.groups ? 'No groups with names containing that text.' : 'No groups yet.'}</p>
        ) : null}
        <AlsoSelected picked={d.groups} shown={shownGroups} name={(g) => g} />
        <More on={groups.more} />
        <div>
          <button type="submit" name="op" value="new-group" class="secondary">
            Create group
          </button>
        </div>
      </fieldset>

      <fieldset class={e.copyFrom ? 'field wizard-choices has-error' : 'field wizard-choices'} id="copyFrom">
        <legend>User to copy permissions from</legend>
        {e.copyFrom ? <p class="field-error">{e.copyFrom}</p> : null}
        <Search id="user_search" label="Search users by name" value={f.users} button="Search users" />
        {users.denied ? <Denied what="users" message={users.denied} /> : null}
        {userNames.map((u, i) => (
          <div class="check">
            <input type="radio" id={`copyFrom-${i}`} name="copyFrom" value={u} checked={d.copyFrom === u} />
            <label for={`copyFrom-${i}`}>{u}</label>
          </div>
        ))}
        {userNames.length === 0 && !users.denied ? <p class="muted">No users to copy from.</p> : null}
        <More on={users.more} />
      </fieldset>

      <fieldset class={e.policies ? 'field wizard-choices has-error' : 'field wizard-choices'} id="policies">
        <legend>Policies to attach directly</legend>
        {e.policies ? <p class="field-error">{e.policies}</p> : null}
        <Search id="policy_search" label="Search policies by name" value={f.policies} button="Search policies" />
        {policies.denied ? <Denied what="policies" message={policies.denied} /> : null}
        <PolicyBoxes name="policy" choices={policies} picked={d.policies} />
      </fieldset>
    </>,
  );
}

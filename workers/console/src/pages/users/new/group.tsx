// "Create group" from the permissions step: a group name and managed policies (searchable), made with
// CreateGroup and AttachGroupPolicy as the signed-in person, then back to the permissions step with
// the new group ticked. The answers so far ride along in the same hidden draft as every step.
import type { ConsoleContext } from '../../../env';
import { attempt, list, statusFor, text, type Form } from '../../../render';
import { TextField } from '../../../ui/components';
import { policyChoices, policyNameOf } from './choices';
import { mergeSelection, type Draft } from './draft';
import { wizardPage, type StepView } from './frame';
import { PolicyBoxes } from './permissions';

const GROUP_NAME = /^[\w+=,.@-]{1,128}$/;
const MAX_POLICIES = 10; // AWS's AttachedPoliciesPerGroupQuota

export function readGroup(form: Form, d: Draft): Draft {
  return {
    ...d,
    newGroup: {
      name: text(form, 'groupName', 129),
      policies: mergeSelection(d.newGroup.policies, list(form, 'group_policy_shown'), list(form, 'group_policy')),
    },
  };
}

export async function groupPage(c: ConsoleContext, d: Draft, view: StepView & { search?: string } = {}) {
  const search = view.search ?? '';
  const policies = await policyChoices(c, search);
  const e = view.errors ?? {};
  return wizardPage(
    c,
    { ...view, step: 'permissions', draft: d, heading: 'Create a group', action: '/console/users/new/group', next: 'Create group' },
    <>
      <p class="lead">The group is created now; the user joins it when the user is created.</p>
      <TextField
        label="Group name"
        name="groupName"
        value={d.newGroup.name}
        error={e.groupName}
        maxlength={128}
        hint="Up to 128 letters, numbers and + = , . @ _ -, for example BisDev."
      />
      <fieldset class={e.group_policy ? 'field wizard-choices has-error' : 'field wizard-choices'} id="group_policy">
        <legend>Policies for the group</legend>
        {e.group_policy ? <p class="field-error">{e.group_policy}</p> : null}
        <div class="field wizard-search">
          <label for="group_policy_search">Search policies by name</label>
          <div class="wizard-search-row">
            <input type="search" id="group_policy_search" name="group_policy_search" value={search} autocomplete="off" spellcheck={false} />
            <button type="submit" name="op" value="filter" class="secondary">
              Search policies
            </button>
          </div>
        </div>
        {policies.denied ? <p class="warning">You cannot list policies here: {policies.denied}</p> : null}
        <PolicyBoxes name="group_policy" choices={policies} picked={d.newGroup.policies} />
      </fieldset>
    </>,
  );
}

export type GroupOutcome =
  | { ok: false; draft: Draft; errors?: Record<string, string>; message?: string; status: 400 | 403 | 404 | 409 | 429 }
  | {
      ok: true;
      draft: Draft;
      notice: string;
      message?: string;
    };

/** Creates the group and attaches its policies; a failed attachment leaves the group made, and says so. */
export async function createGroup(c: ConsoleContext, d: Draft): Promise<GroupOutcome> {
  const { name, policies } = d.newGroup;
  if (!GROUP_NAME.test(name)) {
    const error = name ? 'Group name can only contain letters, numbers and + = , . @ _ - (up to 128)' : 'Enter a group name';
    return { ok: false, draft: d, errors: { groupName: error }, status: 400 };
  }
  if (policies.length > MAX_POLICIES)
    return { ok: false, draft: d, errors: { group_policy: `Choose at most ${MAX_POLICIES} policies` }, status: 400 };
  const created = await attempt(() => c.var.iam.call('CreateGroup', { GroupName: name }));
  if (!created.ok) return { ok: false, draft: d, message: created.error.message, status: statusFor(created.error) };
  const failed: string[] = [];
  for (const arn of policies) {
    const r = await attempt(() => c.var.iam.call('AttachGroupPolicy', { GroupName: name, PolicyArn: arn }));
    if (!r.ok) failed.push(`${policyNameOf(arn)}: ${r.error.message}`);
  }
  const next: Draft = { ...d, permissionMode: 'groups', groups: [...new Set([...d.groups, name])], newGroup: { name: '', policies: [] } };
  return {
    ok: true,
    draft: next,
    notice: `Group ${name} was created and is selected for this user.`,
    ...(failed.length ? { message: `Group ${name} was created, but some policies could not be attached. ${failed.join(' ')}` } : {}),
  };
}

// Step 2 of creating a role: the managed policies to attach (AWS's and the account's own, searchable
// by name) and an optional permissions boundary. "Search" posts the form back with the answers so far,
// so no script is needed; ticks hidden by a search are kept. On "Next" each chosen policy is looked up
// (GetPolicy), so a policy that does not exist is reported here, before the role exists.
import { isIamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../../env';
import { scan, type Choices } from '../../../lists';
import { text, type Form } from '../../../render';
import type { FieldErrors } from '../../../ui/components';
import { contains, MAX_ATTACHED, nameOfArn, type PolicyChoice } from '../shared';
import type { Draft } from './draft';
import { wizardPage, type StepView } from './frame';

export interface Filters {
  policies: string;
  boundary: string;
}

export const readFilters = (form: Form): Filters => ({
  policies: text(form, 'policy_search', 128),
  boundary: text(form, 'boundary_search', 128),
});

// The AWS catalogue alone has over a thousand policies: the lists stay short and the search finds the rest.
const policyChoices = (c: ConsoleContext, filter: string, shown: number) =>
  scan<PolicyChoice>(c, 'ListPolicies', { Scope: 'All' }, 'Policies', (p) => contains(p.PolicyName, filter), shown);

/** NoSuchEntity for any chosen policy, as the API words it; other refusals are CreateRole's to report. */
export async function missingPolicies(c: ConsoleContext, d: Draft): Promise<FieldErrors> {
  const look = async (arn: string) => {
    try {
      await c.var.iam.call('GetPolicy', { PolicyArn: arn });
      return undefined;
    } catch (e) {
      if (isIamError(e) && e.code === 'NoSuchEntity') return e.message;
      if (isIamError(e) && e.status < 500) return undefined;
      throw e;
    }
  };
  const [policies, boundary] = await Promise.all([Promise.all(d.policies.map(look)), d.boundary ? look(d.boundary) : undefined]);
  const e: Record<string, string> = {};
  const missing = policies.find(Boolean);
  if (missing) e.policies = missing;
  if (boundary) e.boundary = boundary;
  return e;
}

const Search = ({ id, label, value, button }: { id: string; label: string; value: string; button: string }) => (
  <div class="field">
    <label for={id}>{label}</label>
    <div class="role-search-row">
      <input type="search" id={id} name={id} value={value} autocomplete="off" spellcheck={false} />
      <button type="submit" name="op" value="filter" class="secondary">
        {button}
      </button>
    </div>
  </div>
);

const Listing = ({ choices, filter }: { choices: Choices<PolicyChoice>; filter: string }) => (
  <>
    {choices.denied ? <p class="warning">You cannot list policies here: {choices.denied}</p> : null}
    {choices.items.length === 0 && !choices.denied ? (
      <p class="muted">{filter ? 'No policies with names containing that text.' : 'No policies.'}</p>
    ) : null}
    {choices.more ? <p class="hint">More policies match than are shown: narrow the search.</p> : null}
  </>
);

export async function permissionsPage(c: ConsoleContext, d: Draft, view: StepView & { filters?: Filters } = {}) {
  const f = view.filters ?? { policies: '', boundary: '' };
  const e = view.errors ?? {};
  const [policies, boundaries] = await Promise.all([policyChoices(c, f.policies, 100), policyChoices(c, f.boundary, 20)]);
  const hidden = d.policies.filter((arn) => !policies.items.some((p) => p.Arn === arn));
  const boundaryShown = !d.boundary || boundaries.items.some((p) => p.Arn === d.boundary);
  return wizardPage(
    c,
    { ...view, step: 'permissions', draft: d },
    <>
      <fieldset class={e.policies ? 'field role-choice has-error' : 'field role-choice'} id="policies">
        <legend>Permissions policies (optional)</legend>
        <p class="hint">
          The role may do what these policies allow. Up to {MAX_ATTACHED}; you can attach more later, or add inline policies.
        </p>
        {e.policies ? <p class="field-error">{e.policies}</p> : null}
        <Search id="policy_search" label="Search policies by name" value={f.policies} button="Search policies" />
        <div class="role-picks">
          {policies.items.map((p, i) => (
            <div class="check">
              <input type="hidden" name="policy_shown" value={p.Arn} />
              <input type="checkbox" id={`policy-${i}`} name="policy" value={p.Arn} checked={d.policies.includes(p.Arn)} />
              <label for={`policy-${i}`}>
                {p.PolicyName}
                <span class="hint mono">{p.Arn}</span>
              </label>
            </div>
          ))}
        </div>
        <Listing choices={policies} filter={f.policies} />
        {hidden.length ? <p class="hint">Also chosen (not matching the search): {hidden.map(nameOfArn).join(', ')}</p> : null}
      </fieldset>

      <fieldset class={e.boundary ? 'field role-choice has-error' : 'field role-choice'} id="boundary">
        <legend>Permissions boundary (optional)</legend>
        <p class="hint">
          A boundary caps what the role's policies can allow: the role may do only what both allow. Use it when the people who manage the
          role should not be able to give it more.
        </p>
        {e.boundary ? <p class="field-error">{e.boundary}</p> : null}
        <Search id="boundary_search" label="Search boundary policies by name" value={f.boundary} button="Search boundaries" />
        <div class="role-picks">
          <div class="check">
            <input type="radio" id="boundary-none" name="boundary" value="" checked={!d.boundary} />
            <label for="boundary-none">No permissions boundary</label>
          </div>
          {boundaryShown ? null : (
            <div class="check">
              <input type="radio" id="boundary-chosen" name="boundary" value={d.boundary} checked />
              <label for="boundary-chosen">
                {nameOfArn(d.boundary)}
                <span class="hint mono">{d.boundary} (chosen earlier)</span>
              </label>
            </div>
          )}
          {boundaries.items.map((p, i) => (
            <div class="check">
              <input type="radio" id={`boundary-${i}`} name="boundary" value={p.Arn} checked={d.boundary === p.Arn} />
              <label for={`boundary-${i}`}>
                {p.PolicyName}
                <span class="hint mono">{p.Arn}</span>
              </label>
            </div>
          ))}
        </div>
        <Listing choices={boundaries} filter={f.boundary} />
      </fieldset>
    </>,
  );
}

// Step 2: Allow or Deny, and the service's actions grouped by access level (List, Read, Write,
// Permissions management, Tagging), each level with an "All <level> actions" box and the whole service
// with "All actions (`svc:*`)". Each box has its own field name, so the form needs no script and a
// posted name the service does not have is refused rather than written into the policy.
import {
  ACCESS_LEVELS,
  actionsByLevel,
  getService,
  statementActions,
  type AccessLevel,
  type EditingStatement,
} from '@edge-iam/core/catalogue';
import type { ConsoleContext } from '../../../env';
import { checked, text, type Form } from '../../../render';
import { Checkbox, Radios } from '../../../ui/components';
import { renderStep, StepForm, type Problem } from './frame';
import type { Carried } from './state';

const SLUG: Record<AccessLevel, string> = {
  List: 'list',
  Read: 'read',
  Write: 'write',
  'Permissions management': 'permissions',
  Tagging: 'tagging',
};

export function renderActionsStep(
  c: ConsoleContext,
  state: Carried,
  editing: EditingStatement,
  opts: { problem?: Problem; status?: 400 } = {},
) {
  const service = getService(editing.service)!;
  const all = editing.actions.includes('*');
  const chosen = new Set(statementActions(editing).map((a) => a.name));
  const groups = actionsByLevel(service.prefix);
  return renderStep(
    c,
    {
      step: 'Actions',
      title: `actions of ${service.name}`,
      lead: 'Choose whether the statement allows or denies, and which actions: all of an access level, or one by one.',
      state,
      problem: opts.problem,
      ...(opts.status ? { status: opts.status } : {}),
    },
    <StepForm state={state} csrf={c.var.csrfToken}>
      <Radios
        legend="Effect"
        name="effect"
        value={editing.effect}
        options={[
          { value: 'Allow', label: 'Allow', hint: 'The actions are allowed (unless a Deny applies).' },
          { value: 'Deny', label: 'Deny', hint: 'The actions are denied, whatever else allows them.' },
        ]}
      />
      <fieldset class={opts.problem?.errors?.actions ? 'field has-error' : 'field'} id="actions">
        <legend>Actions ({service.actionCount})</legend>
        {opts.problem?.errors?.actions ? <p class="field-error">{opts.problem.errors.actions}</p> : null}
        <Checkbox
          name="all"
          label={
            <>
              All actions (<code>{service.prefix}:*</code>)
            </>
          }
          hint="Every action of the service, including actions AWS adds later."
          checked={all}
        />
        {groups.map((g) => {
          const picked = g.actions.filter((a) => chosen.has(a.name)).length;
          return (
            <div class="access-level">
              <Checkbox
                name={`level-${SLUG[g.level]}`}
                label={`All ${g.level} actions (${g.actions.length})`}
                checked={!all && picked === g.actions.length}
              />
              <details open={picked > 0 && picked < g.actions.length && !all}>
                <summary>
                  Choose {g.level} actions one by one{picked && !all ? ` (${picked} chosen)` : ''}
                </summary>
                <fieldset class="field">
                  <legend class="visually-hidden">{g.level} actions</legend>
                  {g.actions.map((a) => (
                    <Checkbox name={`action-${a.name}`} label={<code>{a.action}</code>} checked={!all && chosen.has(a.name)} />
                  ))}
                </fieldset>
              </details>
            </div>
          );
        })}
      </fieldset>
      <div class="button-row">
        <button type="submit" name="intent" value="actions">
          Next: resources
        </button>
        <button type="submit" name="intent" value="back-service" class="secondary">
          Back: service
        </button>
      </div>
    </StepForm>,
  );
}

export type ActionsRead =
  { ok: true; effect: 'Allow' | 'Deny'; actions: string[] } | { ok: false; errors: Record<string, string>; refused?: string };

/** The effect and actions chosen. A ticked name the service does not have is a tampered form. */
export function readActions(form: Form, prefix: string): ActionsRead {
  const service = getService(prefix)!;
  const effect = text(form, 'effect', 10);
  const errors: Record<string, string> = {};
  if (effect !== 'Allow' && effect !== 'Deny') errors.effect = 'Choose Allow or Deny';
  const names = new Set<string>();
  for (const key of Object.keys(form)) {
    if (!key.startsWith('action-') || !checked(form, key)) continue;
    const action = service.byName.get(key.slice('action-'.length).toLowerCase());
    if (!action) return { ok: false, errors, refused: `${key.slice('action-'.length)} is not an action of ${service.name}.` };
    names.add(action.name);
  }
  for (const level of ACCESS_LEVELS)
    if (checked(form, `level-${SLUG[level]}`)) service.actions.filter((a) => a.level === level).forEach((a) => names.add(a.name));
  const all = checked(form, 'all');
  if (!all && names.size === 0) errors.actions = 'Choose at least one action, or All actions';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    effect: effect as 'Allow' | 'Deny',
    actions: all ? ['*'] : service.actions.filter((a) => names.has(a.name)).map((a) => a.name),
  };
}

// Step 4: conditions (optional). The statement's conditions so far with a remove button each; "add a
// condition" chooses a key from the service's own keys and the global `aws:` keys, then a page of its
// own offers the operators that key's type allows (so the choice needs no script) and the values.
import {
  conditionKeyChoices,
  conditionKeyType,
  conditionValueProblem,
  fillKey,
  getService,
  keyPlaceholder,
  operatorsFor,
  type EditingStatement,
} from '@edge-iam/core/catalogue';
import type { ConsoleContext } from '../../../env';
import { checked, text, type Form } from '../../../render';
import { Checkbox, TextArea, TextField } from '../../../ui/components';
import { renderStep, StepForm, type Problem } from './frame';
import type { Carried } from './state';

export function renderConditionsStep(
  c: ConsoleContext,
  state: Carried,
  editing: EditingStatement,
  opts: { problem?: Problem; status?: 400 } = {},
) {
  const service = getService(editing.service)!;
  const choices = conditionKeyChoices(service.prefix);
  const own = choices.filter((k) => !k.key.startsWith('aws:'));
  const global = choices.filter((k) => k.key.startsWith('aws:'));
  return renderStep(
    c,
    {
      step: 'Conditions',
      title: 'conditions',
      lead: 'Optionally, the statement applies only when conditions on the request hold. Then add the statement to the policy.',
      state,
      problem: opts.problem,
      ...(opts.status ? { status: opts.status } : {}),
    },
    <>
      {editing.conditions.length > 0 ? (
        <div class="table-wrap" role="region" aria-label="Conditions of this statement" tabindex={0}>
          <table>
            <caption>Conditions of this statement (all must hold)</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Operator</th>
                <th scope="col">Values (any may match)</th>
                <th scope="col">Remove</th>
              </tr>
            </thead>
            <tbody>
              {editing.conditions.map((cond, i) => (
                <tr>
                  <th scope="row">
                    <code>{cond.key}</code>
                  </th>
                  <td>{cond.operator}</td>
                  <td>{cond.values.join(', ')}</td>
                  <td>
                    <StepForm state={state} csrf={c.var.csrfToken} class="inline">
                      <input type="hidden" name="index" value={String(i)} />
                      <button type="submit" name="intent" value="remove-condition" class="secondary small">
                        Remove<span class="visually-hidden"> condition on {cond.key}</span>
                      </button>
                    </StepForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted">No conditions: the statement applies to every request for its actions and resources.</p>
      )}
      <StepForm state={state} csrf={c.var.csrfToken}>
        <h2>Add a condition</h2>
        <div class={opts.problem?.errors?.key ? 'field has-error' : 'field'}>
          <label for="key">Condition key</label>
          <div class="hint" id="key-hint">
            {service.name}'s own keys first, then the global keys every request may carry.
          </div>
          {opts.problem?.errors?.key ? <p class="field-error">{opts.problem.errors.key}</p> : null}
          <select id="key" name="key" aria-describedby="key-hint">
            <optgroup label={`${service.name} keys`}>
              {own.map((k) => (
                <option value={k.key}>
                  {k.key} ({k.type})
                </option>
              ))}
            </optgroup>
            <optgroup label="Global keys">
              {global.map((k) => (
                <option value={k.key}>
                  {k.key} ({k.type})
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div class="button-row">
          <button type="submit" name="intent" value="add-condition" class="secondary">
            Add a condition on this key
          </button>
        </div>
      </StepForm>
      <StepForm state={state} csrf={c.var.csrfToken}>
        <div class="button-row">
          <button type="submit" name="intent" value="statement-done">
            Add this statement to the policy
          </button>
          <button type="submit" name="intent" value="back-resources" class="secondary">
            Back: resources
          </button>
        </div>
      </StepForm>
    </>,
  );
}

/** The key chosen on the conditions page, if it is one the service's list offers. */
export function readKey(form: Form, service: string): string | undefined {
  const key = text(form, 'key', 256);
  return conditionKeyChoices(service).find((k) => k.key === key)?.key;
}

export function renderConditionValueStep(
  c: ConsoleContext,
  state: Carried,
  editing: EditingStatement,
  key: string,
  opts: { problem?: Problem; status?: 400; form?: Form } = {},
) {
  const type = conditionKeyType(editing.service, key);
  const placeholder = keyPlaceholder(key);
  const errors = opts.problem?.errors ?? {};
  const form = opts.form ?? {};
  return renderStep(
    c,
    {
      step: 'Conditions',
      title: `condition on ${key}`,
      lead: `The key's type is ${type}: these are the operators it takes.`,
      state,
      problem: opts.problem,
      ...(opts.status ? { status: opts.status } : {}),
    },
    <StepForm state={state} csrf={c.var.csrfToken}>
      <input type="hidden" name="key" value={key} />
      {placeholder ? (
        <TextField
          label={`${placeholder} for ${key}`}
          name="keyName"
          value={text(form, 'keyName', 128)}
          error={errors.keyName}
          hint={`The key names a tag or item: for example ${fillKey(key, 'team')}`}
          mono
        />
      ) : null}
      <div class={errors.operator ? 'field has-error' : 'field'}>
        <label for="operator">Operator</label>
        {errors.operator ? <p class="field-error">{errors.operator}</p> : null}
        <select id="operator" name="operator">
          {operatorsFor(type).map((op) => (
            <option value={op} selected={text(form, 'operator', 64) === op}>
              {op}
            </option>
          ))}
        </select>
      </div>
      <Checkbox
        name="ifExists"
        label="If exists"
        hint="The condition also holds when the request does not carry the key (…IfExists)."
        checked={checked(form, 'ifExists')}
      />
      <TextArea
        label="Values"
        name="values"
        rows={3}
        value={text(form, 'values', 20_000)}
        error={errors.values}
        hint="One value per line; the condition holds when any of them matches."
      />
      <div class="button-row">
        <button type="submit" name="intent" value="condition">
          Add condition
        </button>
        <button type="submit" name="intent" value="conditions" class="secondary">
          Back: conditions
        </button>
      </div>
    </StepForm>,
  );
}

export type ConditionRead = { ok: true; operator: string; key: string; values: string[] } | { ok: false; errors: Record<string, string> };

/** The condition posted on its own page: an offered operator, the key's placeholder filled in, typed values. */
export function readCondition(form: Form, service: string, key: string): ConditionRead {
  const errors: Record<string, string> = {};
  const type = conditionKeyType(service, key);
  const base = text(form, 'operator', 64);
  if (!operatorsFor(type).includes(base)) errors.operator = `Choose one of the operators offered for ${key}`;
  let full = key;
  if (keyPlaceholder(key)) {
    const name = text(form, 'keyName', 200);
    if (!name) errors.keyName = `Enter the ${keyPlaceholder(key)} for ${key}`;
    else if (!/^[\w.:/=+\-@]{1,128}$/.test(name)) errors.keyName = 'Use up to 128 letters, digits and _ . : / = + - @';
    else full = fillKey(key, name);
  }
  const operator = base === 'Null' || !checked(form, 'ifExists') ? base : `${base}IfExists`;
  const values = [
    ...new Set(
      text(form, 'values', 20_000)
        .split('\n')
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
  if (values.length === 0) errors.values = 'Enter at least one value';
  else if (values.length > 50) errors.values = 'Enter at most 50 values';
  else {
    const problem = values.map((v) => conditionValueProblem(base, v)).find(Boolean);
    if (problem) errors.values = problem;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, operator, key: full, values };
}

// Step 1 of adding a user: the user's name (AWS's rules: 1-64 of letters, digits and + = , . @ _ -),
// an optional path, and how the user will reach the account (access key, console password, or both).
import { isIamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../../env';
import { checked, text, type Form } from '../../../render';
import { Checkbox, TextField } from '../../../ui/components';
import type { Draft } from './draft';
import { wizardPage, type StepView } from './frame';

export function readDetails(form: Form, d: Draft): Draft {
  return {
    ...d,
    userName: text(form, 'userName', 65),
    path: text(form, 'path', 513),
    programmatic: checked(form, 'programmatic'),
    console: checked(form, 'console'),
  };
}

/**
 * Whether the name is taken, asked early so the person need not reach the last step to learn it. Only
 * a yes is acted on: someone who may not GetUser still gets CreateUser's own answer at the end.
 */
export async function existingUserError(c: ConsoleContext, name: string): Promise<string | undefined> {
  try {
    await c.var.iam.call('GetUser', { UserName: name });
    return `User with name ${name} already exists.`;
  } catch (e) {
    if (isIamError(e) && e.status < 500) return undefined;
    throw e;
  }
}

export function detailsPage(c: ConsoleContext, d: Draft, view: StepView = {}) {
  const e = view.errors ?? {};
  return wizardPage(
    c,
    { ...view, step: 'details', draft: d, back: false },
    <>
      <TextField
        label="User name"
        name="userName"
        value={d.userName}
        error={e.userName}
        maxlength={64}
        hint="Up to 64 letters, numbers and + = , . @ _ -. Names are unique in the account, ignoring case."
      />
      <TextField
        label="Path (optional)"
        name="path"
        value={d.path}
        error={e.path}
        mono
        hint="Organises users, for example /engineering/. Leave empty for /."
      />
      <fieldset class={e.access ? 'field has-error' : 'field'} id="access">
        <legend>Access type</legend>
        <div class="hint">Choose how this user will reach the account. You can add or remove either later.</div>
        {e.access ? (
          <p class="field-error">
            <span class="visually-hidden">Error: </span>
            {e.access}
          </p>
        ) : null}
        <Checkbox
          name="programmatic"
          checked={d.programmatic}
          label="Programmatic access"
          hint="An access key ID and secret access key for the API, CLI and SDKs."
        />
        <Checkbox name="console" checked={d.console} label="Console access" hint="A password to sign in to the console." />
      </fieldset>
    </>,
  );
}

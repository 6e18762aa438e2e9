// Step 3 of creating a role: its name, description, path, how long its sessions may last, and tags.
// Without script there is no "add a row" in place, so the page offers empty tag rows and "Add more
// tags" posts back for five more; rows left empty are ignored.
import { isIamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../../env';
import { TextArea, TextField } from '../../../ui/components';
import { MAX_TAGS } from '../shared';
import type { Draft } from './draft';
import { wizardPage, type StepView } from './frame';
import { SessionSelect } from '../session-select';

const EMPTY_ROWS = 3;

/**
 * Whether the name is taken, asked early so the person need not reach the last step to learn it. Only
 * a yes is acted on: someone who may not GetRole still gets CreateRole's own answer at the end.
 */
export async function takenRoleName(c: ConsoleContext, name: string): Promise<string | undefined> {
  try {
    await c.var.iam.call('GetRole', { RoleName: name });
    return `Role with name ${name} already exists.`;
  } catch (e) {
    if (isIamError(e) && e.status < 500) return undefined;
    throw e;
  }
}

export function detailsPage(c: ConsoleContext, d: Draft, view: StepView & { extraRows?: number } = {}) {
  const e = view.errors ?? {};
  const rows = Math.min(Math.max(d.tags.length + (view.extraRows ?? 0), EMPTY_ROWS), MAX_TAGS);
  const padded = [...d.tags, ...Array.from({ length: Math.max(rows - d.tags.length, 0) }, () => ({ Key: '', Value: '' }))];
  return wizardPage(
    c,
    { ...view, step: 'details', draft: d },
    <>
      <TextField
        label="Role name"
        name="roleName"
        value={d.roleName}
        error={e.roleName}
        maxlength={64}
        hint="Up to 64 letters, digits and + = , . @ _ -. Names are unique in the account, whatever their case, and cannot be changed later."
      />
      <TextArea
        label="Description (optional)"
        name="description"
        value={d.description}
        error={e.description}
        rows={3}
        hint="Up to 1,000 characters, for the people who will manage the role."
      />
      <TextField
        label="Path (optional)"
        name="path"
        value={d.path}
        error={e.path}
        mono
        hint="Organises roles, for example /ci/. Leave empty for /."
      />
      <SessionSelect value={d.maxSession} error={e.maxSession} />
      <fieldset class="field role-choice">
        <legend>Tags (optional)</legend>
        <p class="hint">
          Key and value pairs that describe the role, for example team: platform. Policies can use them in conditions (
          <span class="mono">aws:ResourceTag/team</span>). Up to {MAX_TAGS}.
        </p>
        <input type="hidden" name="tag_rows" value={String(padded.length)} />
        {padded.map((t, i) => (
          <div class="role-tag">
            <TextField label={`Key of tag ${i + 1}`} name={`tag-key-${i}`} value={t.Key} error={e[`tag-key-${i}`]} maxlength={128} />
            <TextField
              label={`Value of tag ${i + 1} (optional)`}
              name={`tag-value-${i}`}
              value={t.Value}
              error={e[`tag-value-${i}`]}
              maxlength={256}
            />
          </div>
        ))}
        {padded.length < MAX_TAGS ? (
          <div>
            <button type="submit" name="op" value="more" class="secondary">
              Add more tags
            </button>
          </div>
        ) : null}
      </fieldset>
    </>,
  );
}

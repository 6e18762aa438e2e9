// Step 4 of adding a user: optional tags (key and value pairs, up to 50). Without script there is no
// "add row" that appears in place, so the page offers empty rows, and "Add more tags" posts back for
// five more; rows left empty are ignored.
import type { ConsoleContext } from '../../../env';
import { text, type Form } from '../../../render';
import { TextField } from '../../../ui/components';
import { MAX_TAGS, type Draft, type Tag } from './draft';
import { wizardPage, type StepView } from './frame';

const EMPTY_ROWS = 5;

export function readTags(form: Form, d: Draft): Draft {
  const rows = Math.min(Number.parseInt(text(form, 'tag_rows', 3), 10) || 0, MAX_TAGS);
  const tags: Tag[] = [];
  for (let i = 0; i < rows; i++) {
    const Key = text(form, `tag-key-${i}`, 129);
    const Value = text(form, `tag-value-${i}`, 257);
    if (Key || Value) tags.push({ Key, Value });
  }
  return { ...d, tags };
}

export function tagsPage(c: ConsoleContext, d: Draft, view: StepView & { extraRows?: number } = {}) {
  const e = view.errors ?? {};
  const rows = Math.min(Math.max(d.tags.length + (view.extraRows ?? 0), EMPTY_ROWS), MAX_TAGS);
  const padded = [...d.tags, ...Array.from({ length: rows - d.tags.length }, () => ({ Key: '', Value: '' }))];
  return wizardPage(
    c,
    { ...view, step: 'tags', draft: d },
    <>
      <p class="lead">
        Tags are key and value pairs that describe the user, for example Team: BisDev. Policies can use them in conditions (
        <span class="mono">aws:ResourceTag/Team</span>). Optional, up to {MAX_TAGS}.
      </p>
      <input type="hidden" name="tag_rows" value={String(rows)} />
      {padded.map((t, i) => (
        <fieldset class="wizard-tag">
          <legend class="visually-hidden">Tag {i + 1}</legend>
          <TextField label={`Key of tag ${i + 1}`} name={`tag-key-${i}`} value={t.Key} error={e[`tag-key-${i}`]} maxlength={128} />
          <TextField
            label={`Value of tag ${i + 1} (optional)`}
            name={`tag-value-${i}`}
            value={t.Value}
            error={e[`tag-value-${i}`]}
            maxlength={256}
          />
        </fieldset>
      ))}
      {rows < MAX_TAGS ? (
        <div>
          <button type="submit" name="op" value="more" class="secondary">
            Add more tags
          </button>
        </div>
      ) : null}
    </>,
  );
}

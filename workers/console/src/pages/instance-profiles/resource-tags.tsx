// Tags on IAM resources that are not users: instance profiles and server certificates. AWS's tag rules
// checked before any call (so bad input costs no request and changes nothing), the rows the create and
// upload forms offer, and the detail pages' table with a Remove button per tag and the "add or replace
// a tag" form. Each area posts the form to its own Tag*/Untag* routes.
import type { FC } from 'hono/jsx';
import { text, type Form } from '../../render';
import { CsrfField, DataTable, RowButton, TextField, type FieldErrors } from '../../ui/components';

// A type, not an interface: the IAM client's structure parameters are string records.
export type Tag = { Key: string; Value: string };

/** IAM's tagKeyType / tagValueType characters: letters, digits, spaces and `_ . : / = + - @`. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const CHARSET = 'can only contain letters, numbers, spaces and _ . : / = + - @';
export const MAX_TAGS = 50;
/** Empty tag rows on a create form; more can be added on the detail page afterwards. */
export const TAG_ROWS = 3;

export function tagKeyProblem(key: string, what = 'The key'): string | undefined {
  if (!key) return `Enter a tag key`;
  if (key.length > 128) return `${what} must be 128 characters or fewer`;
  if (!TAG_TEXT.test(key)) return `${what} ${CHARSET}`;
  return undefined;
}

export function tagValueProblem(value: string, what = 'The value'): string | undefined {
  if (value.length > 256) return `${what} must be 256 characters or fewer`;
  if (!TAG_TEXT.test(value)) return `${what} ${CHARSET}`;
  return undefined;
}

/** The tag rows of a create form (`tag-key-<i>`, `tag-value-<i>`); rows left empty are ignored. */
export function readTagRows(form: Form): { tags: Tag[]; values: Record<string, string>; errors: Record<string, string> } {
  const tags: Tag[] = [];
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  for (let i = 0; i < TAG_ROWS; i++) {
    // Read past the limits, so a value that is too long is reported rather than cut.
    const Key = text(form, `tag-key-${i}`, 200);
    const Value = text(form, `tag-value-${i}`, 400);
    values[`tag-key-${i}`] = Key;
    values[`tag-value-${i}`] = Value;
    if (!Key && !Value) continue;
    const n = i + 1;
    const keyError = Key ? tagKeyProblem(Key, `Key of tag ${n}`) : `Enter a key for tag ${n}, or clear its value`;
    if (keyError) errors[`tag-key-${i}`] = keyError;
    else if (seen.has(Key.toLowerCase())) errors[`tag-key-${i}`] = `Tag ${n} repeats the key ${Key}: each key can be used once`;
    seen.add(Key.toLowerCase());
    const valueError = tagValueProblem(Value, `Value of tag ${n}`);
    if (valueError) errors[`tag-value-${i}`] = valueError;
    tags.push({ Key, Value });
  }
  return { tags, values, errors };
}

/** The create form's tag rows, each a fieldset of key and value. */
export const TagRows: FC<{ values?: Record<string, string> | undefined; errors?: FieldErrors | undefined }> = ({ values, errors }) => (
  <fieldset class="field resource-tags-rows">
    <legend>Tags (optional)</legend>
    <p class="hint">Key and value pairs, for example team: web. Policies can use them in conditions. You can add more later.</p>
    {Array.from({ length: TAG_ROWS }, (_, i) => (
      <div class="resource-tags-row" role="group" aria-label={`Tag ${i + 1}`}>
        <TextField
          label={`Key of tag ${i + 1}`}
          name={`tag-key-${i}`}
          value={values?.[`tag-key-${i}`]}
          error={errors?.[`tag-key-${i}`]}
          maxlength={128}
        />
        <TextField
          label={`Value of tag ${i + 1} (optional)`}
          name={`tag-value-${i}`}
          value={values?.[`tag-value-${i}`]}
          error={errors?.[`tag-value-${i}`]}
          maxlength={256}
        />
      </div>
    ))}
  </fieldset>
);

/** The single tag of a detail page's "add or replace" form (`tag_key`, `tag_value`). */
export function readTag(form: Form): { tag: Tag; values: Record<string, string>; errors: Record<string, string> } {
  const tag = { Key: text(form, 'tag_key', 200), Value: text(form, 'tag_value', 400) };
  const errors: Record<string, string> = {};
  const keyError = tagKeyProblem(tag.Key);
  if (keyError) errors.tag_key = keyError;
  const valueError = tagValueProblem(tag.Value);
  if (valueError) errors.tag_value = valueError;
  return { tag, values: { tag_key: tag.Key, tag_value: tag.Value }, errors };
}

/** A detail page's tags: the table (Remove posts `<base>/tags/remove`) and the form (posts `<base>/tags`). */
export const TagsPanel: FC<{
  tags: readonly Tag[];
  owner: string;
  base: string;
  csrf: string;
  values?: Record<string, string> | undefined;
  errors?: FieldErrors | undefined;
}> = ({ tags, owner, base, csrf, values, errors }) => (
  <>
    <DataTable
      caption={`Tags of ${owner}`}
      hideCaption
      head={['Key', 'Value', 'Action']}
      empty="No tags."
      rows={tags.map((t) => [
        <span class="mono">{t.Key}</span>,
        t.Value ? <span class="mono">{t.Value}</span> : <span class="muted">(empty)</span>,
        <RowButton action={`${base}/tags/remove`} csrf={csrf} label="Remove" object={`tag ${t.Key}`} fields={{ tag_key: t.Key }} />,
      ])}
    />
    <h3 id="add-tag-title">Add or replace a tag</h3>
    <form method="post" action={`${base}/tags`} class="stack" aria-labelledby="add-tag-title">
      <CsrfField token={csrf} />
      <TextField
        label="Key"
        name="tag_key"
        value={values?.tag_key}
        error={errors?.tag_key}
        maxlength={128}
        hint={`Up to 128 characters. A tag with the same key gets the new value. At most ${MAX_TAGS} tags.`}
      />
      <TextField label="Value (optional)" name="tag_value" value={values?.tag_value} error={errors?.tag_value} maxlength={256} />
      <div class="button-row">
        <button type="submit">Save tag</button>
      </div>
    </form>
  </>
);

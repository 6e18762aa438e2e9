// The simulator form's context entries: one fieldset per row (key, AWS's ContextKeyType, values), a
// few empty rows beyond those filled so a person can add keys without script, the keys the policies
// use when the service was asked, and the "Find context keys" button that asks it.
import type { FC } from 'hono/jsx';
import { SelectField, TextField, type FieldErrors } from '../../ui/components';
import { CONTEXT_KEY_TYPES, LIMITS, type ContextRow } from './draft';
import type { FormState } from './form';

const ContextEntry: FC<{ row: ContextRow | undefined; i: number; errors: FieldErrors }> = ({ row, i, errors }) => (
  <fieldset class="sim-context-row">
    <legend>Context key {i + 1}</legend>
    <TextField label="Key" name={`ctx_key_${i}`} value={row?.key ?? ''} mono maxlength={256} error={errors[`ctx_key_${i}`]} />
    <SelectField
      label="Type"
      name={`ctx_type_${i}`}
      value={row?.type ?? 'string'}
      options={CONTEXT_KEY_TYPES}
      error={errors[`ctx_type_${i}`]}
    />
    <TextField label="Values" name={`ctx_values_${i}`} value={row?.values ?? ''} mono error={errors[`ctx_values_${i}`]} />
  </fieldset>
);

export const ContextFields: FC<{ s: FormState }> = ({ s }) => {
  const rows = s.draft.context;
  const count = Math.min(LIMITS.contextEntries, Math.max(rows.length + 2, 3));
  return (
    <fieldset class="sim-block" id="context">
      <legend>Context keys (optional)</legend>
      <p class="hint">
        The values conditions compare, such as aws:SourceIp = 203.0.113.10 or aws:MultiFactorAuthPresent = true. For a list type, separate
        the values with commas. Rows without a value are left out. “Find context keys” adds a row for each key the policies use.
      </p>
      {s.usedKeys ? (
        <p class="sim-used-keys">
          {s.usedKeys.length === 0 ? (
            'The policies use no context keys.'
          ) : (
            <>
              The policies use:{' '}
              {s.usedKeys.map((k, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <code>{k}</code>
                </>
              ))}
            </>
          )}
        </p>
      ) : null}
      <div class="sim-context">
        {Array.from({ length: count }, (_, i) => (
          <ContextEntry row={rows[i]} i={i} errors={s.errors} />
        ))}
      </div>
      <button type="submit" name="intent" value="keys" class="secondary">
        Find context keys
      </button>
    </fieldset>
  );
};

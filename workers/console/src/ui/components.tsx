// The pieces console pages are built from, in the GOV.UK Design System's manner: every input has a
// label (and a hint where a person needs one), errors are listed at the top with links to the fields
// and repeated beside each field, and every action is a real form or link that works without script.
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import { CSRF_FIELD } from '@edge-iam/core/web';

/** A field's problem, keyed by the input's name (the summary links to `#<name>`). */
export type FieldErrors = Readonly<Record<string, string>>;

export const CsrfField: FC<{ token: string }> = ({ token }) => <input type="hidden" name={CSRF_FIELD} value={token} />;

/** The page title with optional actions on the right (links or buttons). */
export const PageHeader: FC<{ title: string; lead?: Child; actions?: Child }> = ({ title, lead, actions }) => (
  <div class="page-header">
    <div>
      <h1>{title}</h1>
      {lead ? <p class="lead">{lead}</p> : null}
    </div>
    {actions ? <div class="page-actions">{actions}</div> : null}
  </div>
);

/** "There is a problem": each field error as a link to its field, plus a general message. */
export const ErrorSummary: FC<{ message?: string | null; errors?: FieldErrors }> = ({ message, errors }) => {
  const entries = Object.entries(errors ?? {});
  if (!message && entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>There is a problem</h2>
      {message ? <p>{message}</p> : null}
      {entries.length > 0 ? (
        <ul>
          {entries.map(([field, text]) => (
            <li>
              <a href={`#${field}`}>{text}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
};

/** A success or information banner after a change. */
export const Notice: FC<{ message?: string | null }> = ({ message }) =>
  message ? (
    <div class="notice" role="status">
      {message}
    </div>
  ) : null;

type TextFieldProps = {
  label: string;
  name: string;
  value?: string | null;
  hint?: Child;
  error?: string | undefined;
  type?: 'text' | 'password' | 'email' | 'number' | 'search' | 'url';
  autocomplete?: string;
  required?: boolean;
  inputmode?: 'numeric' | 'text';
  min?: number;
  max?: number;
  maxlength?: number;
  pattern?: string;
  mono?: boolean;
};

export const TextField: FC<TextFieldProps> = (p) => {
  const hintId = p.hint ? `${p.name}-hint` : undefined;
  const errorId = p.error ? `${p.name}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={p.name}>{p.label}</label>
      {p.hint ? (
        <div class="hint" id={hintId}>
          {p.hint}
        </div>
      ) : null}
      {p.error ? (
        <p class="field-error" id={errorId}>
          <span class="visually-hidden">Error: </span>
          {p.error}
        </p>
      ) : null}
      <input
        type={p.type ?? 'text'}
        id={p.name}
        name={p.name}
        value={p.value ?? undefined}
        autocomplete={p.autocomplete ?? 'off'}
        required={p.required}
        inputmode={p.inputmode}
        min={p.min}
        max={p.max}
        maxlength={p.maxlength}
        pattern={p.pattern}
        spellcheck={false}
        autocapitalize="none"
        aria-describedby={describedBy}
        aria-invalid={p.error ? 'true' : undefined}
        class={p.mono ? 'mono' : undefined}
      />
    </div>
  );
};

export const TextArea: FC<{
  label: string;
  name: string;
  value?: string;
  hint?: Child;
  error?: string | undefined;
  rows?: number;
  /** the API's limit: the browser then cannot send more (the route checks it again) */
  maxlength?: number;
  /** an extra class beside `mono` (a page area's sizing) */
  class?: string;
}> = (p) => (
  <div class={p.error ? 'field has-error' : 'field'}>
    <label for={p.name}>{p.label}</label>
    {p.hint ? (
      <div class="hint" id={`${p.name}-hint`}>
        {p.hint}
      </div>
    ) : null}
    {p.error ? (
      <p class="field-error" id={`${p.name}-error`}>
        <span class="visually-hidden">Error: </span>
        {p.error}
      </p>
    ) : null}
    <textarea
      id={p.name}
      name={p.name}
      rows={p.rows ?? 8}
      maxlength={p.maxlength}
      spellcheck={false}
      autocomplete="off"
      autocapitalize="none"
      aria-describedby={[p.hint ? `${p.name}-hint` : '', p.error ? `${p.name}-error` : ''].filter(Boolean).join(' ') || undefined}
      aria-invalid={p.error ? 'true' : undefined}
      class={p.class ? `mono ${p.class}` : 'mono'}
    >
      {p.value ?? ''}
    </textarea>
  </div>
);

/** The message beside a field (the error summary at the top links to the field itself). */
export const FieldError: FC<{ id: string; message: string | undefined }> = ({ id, message }) =>
  message ? (
    <p class="field-error" id={`${id}-error`}>
      <span class="visually-hidden">Error: </span>
      {message}
    </p>
  ) : null;

/** A labelled `<select>`; each option is a value shown as itself, or a `[value, label]` pair. */
export const SelectField: FC<{
  label: string;
  name: string;
  value: string;
  options: readonly (string | readonly [string, string])[];
  error?: string | undefined;
}> = (p) => (
  <div class={p.error ? 'field has-error' : 'field'}>
    <label for={p.name}>{p.label}</label>
    <FieldError id={p.name} message={p.error} />
    <select
      id={p.name}
      name={p.name}
      aria-describedby={p.error ? `${p.name}-error` : undefined}
      aria-invalid={p.error ? 'true' : undefined}
    >
      {p.options.map((o) => {
        const [value, label] = typeof o === 'string' ? [o, o] : o;
        return (
          <option value={value} selected={value === p.value}>
            {label}
          </option>
        );
      })}
    </select>
  </div>
);

/** A checkbox with its label beside it (value `on` unless given). */
export const Checkbox: FC<{ label: Child; name: string; value?: string; checked?: boolean; hint?: Child; id?: string }> = (p) => {
  const id = p.id ?? (p.value ? `${p.name}-${p.value}` : p.name).replace(/[^A-Za-z0-9_-]/g, '_');
  return (
    <div class="check">
      <input
        type="checkbox"
        id={id}
        name={p.name}
        value={p.value ?? 'on'}
        checked={p.checked}
        aria-describedby={p.hint ? `${id}-hint` : undefined}
      />
      <label for={id}>
        {p.label}
        {p.hint ? (
          <span class="hint" id={`${id}-hint`}>
            {p.hint}
          </span>
        ) : null}
      </label>
    </div>
  );
};

/** A set of radio buttons in a fieldset whose legend is the question. */
/**
 * "Are you sure": the form before something that cannot be undone (delete, rotate a secret), which
 * acts only with its box ticked; `error` is the box's message when it was not. `fields` are hidden
 * inputs naming what it acts on.
 */
export const ConfirmForm: FC<{
  action: string;
  csrf: string;
  label: Child;
  button: string;
  cancel: string;
  error?: string | undefined;
  fields?: Readonly<Record<string, string>>;
}> = (p) => (
  <form method="post" action={p.action} class="stack">
    <CsrfField token={p.csrf} />
    {Object.entries(p.fields ?? {}).map(([k, v]) => (
      <input type="hidden" name={k} value={v} />
    ))}
    <div class={p.error ? 'field has-error' : 'field'}>
      {p.error ? <p class="field-error">{p.error}</p> : null}
      <Checkbox name="confirm" id="confirm" label={p.label} />
    </div>
    <div class="button-row">
      <button type="submit" class="danger">
        {p.button}
      </button>
      <a href={p.cancel}>Cancel</a>
    </div>
  </form>
);

export const Radios: FC<{
  legend: string;
  name: string;
  value?: string | undefined;
  options: readonly { value: string; label: Child; hint?: Child }[];
  error?: string | undefined;
}> = (p) => (
  <fieldset class={p.error ? 'field has-error' : 'field'} id={p.name}>
    <legend>{p.legend}</legend>
    {p.error ? <p class="field-error">{p.error}</p> : null}
    {p.options.map((o) => {
      const id = `${p.name}-${o.value}`.replace(/[^A-Za-z0-9_-]/g, '_');
      return (
        <div class="check">
          <input type="radio" id={id} name={p.name} value={o.value} checked={p.value === o.value} />
          <label for={id}>
            {o.label}
            {o.hint ? <span class="hint">{o.hint}</span> : null}
          </label>
        </div>
      );
    })}
  </fieldset>
);

/** Key-value facts (GOV.UK summary list). */
export const SummaryList: FC<{ rows: readonly (readonly [string, Child])[] }> = ({ rows }) => (
  <dl class="summary">
    {rows.map(([k, v]) => (
      <div>
        <dt>{k}</dt>
        <dd>{v ?? '—'}</dd>
      </div>
    ))}
  </dl>
);

/** A table with a caption (read by screen readers) that scrolls sideways on a phone. */
export const DataTable: FC<{
  caption: string;
  head: readonly string[];
  rows: readonly (readonly Child[])[];
  empty?: string;
  hideCaption?: boolean;
}> = ({ caption, head, rows, empty, hideCaption }) => (
  <div class="table-wrap" role="region" aria-label={caption} tabindex={0}>
    <table>
      <caption class={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colspan={head.length} class="empty">
              {empty ?? 'Nothing here yet.'}
            </td>
          </tr>
        ) : (
          rows.map((r) => (
            <tr>
              {r.map((cell) => (
                <td>{cell}</td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  </div>
);

/** A one-button form that posts to `action` (delete, deactivate ...). The label says what it does. */
export const ActionButton: FC<{
  action: string;
  csrf: string;
  label: string;
  fields?: Record<string, string>;
  danger?: boolean;
  secondary?: boolean;
}> = (p) => (
  <form method="post" action={p.action} class="inline">
    <CsrfField token={p.csrf} />
    {Object.entries(p.fields ?? {}).map(([k, v]) => (
      <input type="hidden" name={k} value={v} />
    ))}
    <button type="submit" class={p.danger ? 'danger' : p.secondary ? 'secondary' : undefined}>
      {p.label}
    </button>
  </form>
);

/** A link styled as a button. */
export const ButtonLink: FC<{ href: string; label: string; secondary?: boolean }> = ({ href, label, secondary }) => (
  <a class={secondary ? 'button secondary' : 'button'} href={href}>
    {label}
  </a>
);

/**
 * A secret shown once: hidden behind a "Show" disclosure (works without script), with a copy button
 * that console.js enables. Never put a secret in a URL or a cookie.
 */
export const SecretValue: FC<{ label: string; value: string; id: string }> = ({ label, value, id }) => (
  <details class="secret">
    <summary>Show {label.toLowerCase()}</summary>
    <code id={id}>{value}</code>
    <button type="button" class="secondary copy" data-copy={id} hidden>
      Copy {label.toLowerCase()}
    </button>
  </details>
);

/** A value with a copy button (console.js); the value stays selectable without script. */
export const Copyable: FC<{ value: string; id: string; label: string }> = ({ value, id, label }) => (
  <span class="copyable">
    <code id={id}>{value}</code>
    <button type="button" class="secondary copy small" data-copy={id} hidden>
      Copy {label}
    </button>
  </span>
);

/** Next/previous links for Marker-paged lists. */
export const Pager: FC<{ next?: string | null; first?: string | null }> = ({ next, first }) =>
  next || first ? (
    <nav class="pager" aria-label="Pages">
      {first ? <a href={first}>First page</a> : null}
      {next ? <a href={next}>Next page</a> : null}
    </nav>
  ) : null;

export const Section: FC<PropsWithChildren<{ title: string; id?: string; actions?: Child }>> = ({ title, id, actions, children }) => (
  <section class="panel" aria-labelledby={id ? `${id}-title` : undefined} id={id}>
    <div class="panel-header">
      <h2 id={id ? `${id}-title` : undefined}>{title}</h2>
      {actions ? <div class="page-actions">{actions}</div> : null}
    </div>
    {children}
  </section>
);

/** A timestamp shown in UTC, readable, with the machine form for assistive tech. */
export const Time: FC<{ value: string | null | undefined; never?: string }> = ({ value, never }) =>
  value ? (
    <time datetime={value}>{value.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC')}</time>
  ) : (
    <span class="muted">{never ?? 'Never'}</span>
  );

/** How long ago, in days, for ages like "password age" (AWS shows days). */
export function ageInDays(iso: string | null | undefined, now = new Date()): string {
  if (!iso) return 'None';
  const days = Math.floor((now.getTime() - Date.parse(iso)) / 86_400_000);
  return days <= 0 ? 'Today' : days === 1 ? 'Yesterday' : `${days} days`;
}

/** A one-button form in a table row; the hidden words name the object, so each button reads differently. */
export const RowButton: FC<{
  action: string;
  csrf: string;
  label: string;
  object: Child;
  fields: Record<string, string>;
  danger?: boolean;
}> = (p) => (
  <form method="post" action={p.action} class="inline">
    <CsrfField token={p.csrf} />
    {Object.entries(p.fields).map(([k, v]) => (
      <input type="hidden" name={k} value={v} />
    ))}
    <button type="submit" class={p.danger ? 'danger small' : 'secondary small'}>
      {p.label}
      <span class="visually-hidden"> {p.object}</span>
    </button>
  </form>
);

/** A policy document as a person reads it: URL-decoded (as the API returns it) and indented. */
export function readablePolicy(encoded: string): string {
  let text = encoded;
  try {
    text = decodeURIComponent(encoded);
  } catch {
    // not URL-encoded after all: show it as it came
  }
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

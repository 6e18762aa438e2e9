// The Tags section of the role page (remove one, add or replace one by key; their routes are in
// tags.ts), and the note a section shows when the person may not read it.
import type { FC } from 'hono/jsx';
import type { IamError } from '@edge-iam/core';
import { CsrfField, DataTable, RowButton, Section, TextField } from '../../../ui/components';
import { MAX_TAGS, roleUrl, type Problem, type Role } from '../shared';

/** A part the person may not read: the API's own words, so they know which permission is missing. */
export const Unavailable: FC<{ error: IamError }> = ({ error }) => (
  <p class="warning role-unavailable">
    <span class="visually-hidden">Not available: </span>
    {error.message}
  </p>
);

export const TagsSection: FC<{ role: Role; csrf: string; problem?: Problem | undefined }> = ({ role, csrf, problem }) => {
  const n = role.RoleName;
  const tags = role.Tags ?? [];
  return (
    <Section title={`Tags (${tags.length})`} id="tags">
      <DataTable
        caption={`Tags of ${n}`}
        hideCaption
        head={['Key', 'Value', 'Action']}
        empty="This role has no tags."
        rows={tags.map((t) => [
          <span class="mono">{t.Key}</span>,
          t.Value ? <span class="mono">{t.Value}</span> : <span class="muted">(empty)</span>,
          <RowButton action={roleUrl(n, '/tags/remove')} csrf={csrf} fields={{ tag_key: t.Key }} label="Remove" object={`tag ${t.Key}`} />,
        ])}
      />
      {tags.length >= MAX_TAGS ? <p class="muted">The role has {MAX_TAGS} tags, the most it can have: remove one to add another.</p> : null}
      <h3 id="add-tag-title">Add or replace a tag</h3>
      <form method="post" action={roleUrl(n, '/tags')} class="stack" aria-labelledby="add-tag-title">
        <CsrfField token={csrf} />
        <TextField
          label="Key"
          name="tag_key"
          value={problem?.values?.tag_key}
          error={problem?.errors?.tag_key}
          maxlength={128}
          hint="Up to 128 letters, digits, spaces and _ . : / = + - @. A tag with the same key (whatever its case) gets the new value."
        />
        <TextField
          label="Value (optional)"
          name="tag_value"
          value={problem?.values?.tag_value}
          error={problem?.errors?.tag_value}
          maxlength={256}
          hint="Up to 256 of the same characters."
        />
        <div class="button-row">
          <button type="submit">Save tag</button>
        </div>
      </form>
    </Section>
  );
};

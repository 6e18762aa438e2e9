// A group's inline policies: one page to create or replace one (PutGroupPolicy with a JSON textarea;
// `?policy=` opens an existing one for editing) and the group page's one-button DeleteGroupPolicy.
// The document goes to the API as typed: its MalformedPolicyDocument message says what is wrong and
// where, better than a second parser here could.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { page, readForm, redirectWithNotice, statusFor, attempt, text, type IamError } from '../../render';
import { CsrfField, ErrorSummary, PageHeader, TextArea, TextField, type FieldErrors } from '../../ui/components';
import { orShowGroup } from './detail';
import { groupPath, nameProblem, prettyPolicy, type Group } from './shared';

export const groupInlinePages = new Hono<ConsoleEnv>();

const EXAMPLE = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }] },
  null,
  2,
);
// The API's PolicyDocument limit; the group's smaller aggregate quota is the API's to report (LimitExceeded).
const MAX_DOCUMENT = 131072;

interface Draft {
  policyName: string;
  document: string;
  editing: boolean;
}

async function renderPut(
  c: ConsoleContext,
  name: string,
  draft: Draft,
  problem: { error?: IamError; fields?: FieldErrors; status?: 400 | 403 | 404 | 409 | 429 } = {},
) {
  const { Group: g } = await c.var.iam.call<{ Group: Group }>('GetGroup', { GroupName: name, MaxItems: 1 });
  const base = groupPath(g.GroupName);
  const title = draft.editing ? `Edit inline policy ${draft.policyName}` : `Create inline policy for ${g.GroupName}`;
  return page(
    c,
    {
      title,
      section: 'groups',
      crumbs: [
        ['User groups', '/console/groups'],
        [g.GroupName, base],
      ],
      status: problem.status,
    },
    <>
      <ErrorSummary message={problem.error?.message} errors={problem.fields} />
      <PageHeader title={title} lead="An inline policy belongs to this group only and is deleted with it." />
      <form method="post" action={`${base}/inline`} class="stack">
        <CsrfField token={c.var.csrfToken} />
        {draft.editing ? <input type="hidden" name="editing" value="1" /> : null}
        <TextField
          label="Policy name"
          name="policy_name"
          value={draft.policyName}
          maxlength={128}
          required
          error={problem.fields?.policy_name}
          hint="Up to 128 letters, digits and + = , . @ _ -. A policy of the same name is replaced."
        />
        <TextArea
          label="Policy document (JSON)"
          name="document"
          value={draft.document}
          rows={16}
          error={problem.fields?.document}
          hint="An IAM policy: a Version and one or more Statements with Effect, Action and Resource."
        />
        <div class="button-row">
          <button type="submit">Save inline policy</button>
          <a href={`${base}#inline`}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

groupInlinePages.get('/:name/inline', async (c) => {
  const name = c.req.param('name');
  const policyName = (c.req.query('policy') ?? '').slice(0, 128);
  if (!policyName) return renderPut(c, name, { policyName: '', document: EXAMPLE, editing: false });
  const doc = await c.var.iam.call<{ PolicyDocument: string }>('GetGroupPolicy', { GroupName: name, PolicyName: policyName });
  return renderPut(c, name, { policyName, document: prettyPolicy(doc.PolicyDocument), editing: true });
});

groupInlinePages.post('/:name/inline', async (c) => {
  const name = c.req.param('name');
  const form = await readForm(c);
  const draft: Draft = {
    policyName: text(form, 'policy_name', 1024),
    document: text(form, 'document', MAX_DOCUMENT + 1),
    editing: text(form, 'editing') !== '',
  };
  const fields: Record<string, string> = {};
  const nameError = nameProblem(draft.policyName, 'policy name');
  if (nameError) fields.policy_name = nameError;
  if (!draft.document) fields.document = 'Enter the policy document';
  else if (draft.document.length > MAX_DOCUMENT) fields.document = 'The policy document is too long';
  if (Object.keys(fields).length > 0) return renderPut(c, name, draft, { fields, status: 400 });
  const put = await attempt(() =>
    c.var.iam.call('PutGroupPolicy', { GroupName: name, PolicyName: draft.policyName, PolicyDocument: draft.document }),
  );
  if (!put.ok) {
    const onDocument = put.error.code === 'MalformedPolicyDocument' || put.error.code === 'LimitExceeded';
    return renderPut(c, name, draft, {
      error: put.error,
      fields: onDocument ? { document: 'Correct the policy document' } : undefined,
      status: statusFor(put.error),
    });
  }
  return redirectWithNotice(c, `${groupPath(name)}#inline`, `Inline policy ${draft.policyName} of ${name} was saved.`);
});

groupInlinePages.post('/:name/inline/delete', async (c) => {
  const name = c.req.param('name');
  const policyName = text(await readForm(c), 'policy_name', 128);
  return orShowGroup(c, name, async () => {
    await c.var.iam.call('DeleteGroupPolicy', { GroupName: name, PolicyName: policyName });
    return redirectWithNotice(c, `${groupPath(name)}#inline`, `Inline policy ${policyName} was deleted from ${name}.`);
  });
});

// GET/POST /console/policies/new: create a customer-managed policy in two steps, as the AWS console
// does: the JSON editor (checked by the service on Next; errors keep the person there), then a review
// with the name, description, path, tags and the policy's summary, then CreatePolicy. One POST route
// serves every step: the button pressed says which (`intent`), and the steps' values ride along in the
// form, so nothing is stored between steps and every step works without script.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, page, readForm, redirectWithNotice, statusFor, text, type Form } from '../../render';
import { CsrfField, ErrorSummary, PageHeader, TextArea, TextField, type FieldErrors } from '../../ui/components';
import { checkPolicy, PolicyFindings, type Check } from '../../ui/policy-editor';
import { PolicySummary } from '../../ui/policy-summary';
import { checkForNext, documentOf, DOCUMENT_ERRORS, intentOf, renderEditor, STARTER, StepsNav, type EditorStep } from './editor';
import {
  BASE,
  descriptionProblem,
  documentProblem,
  MAX_TAGS,
  nameProblem,
  pathProblem,
  tagProblems,
  viewUrl,
  type Policy,
  type Tag,
} from './shared';

export const newPolicyPages = new Hono<ConsoleEnv>();

const STEPS = ['Specify permissions', 'Review and create'];
const EMPTY_TAG_ROWS = 2;

interface Draft {
  document: string;
  name: string;
  description: string;
  path: string;
  tags: Tag[];
}

const EMPTY: Draft = { document: STARTER, name: '', description: '', path: '', tags: [] };

function readDraft(form: Form): Draft {
  const rows = Math.min(Number.parseInt(text(form, 'tag_rows', 3), 10) || 0, MAX_TAGS);
  const tags: Tag[] = [];
  for (let i = 0; i < rows; i++) {
    const Key = text(form, `tag-key-${i}`, 200);
    const Value = text(form, `tag-value-${i}`, 400);
    if (Key || Value) tags.push({ Key, Value });
  }
  // Read longer than allowed, so a too-long value is reported rather than silently cut.
  return {
    document: documentOf(form),
    name: text(form, 'name', 200),
    description: text(form, 'description', 1200),
    path: text(form, 'path', 600),
    tags,
  };
}

/** The review step's values, carried through the editor step as hidden fields. */
function carry(d: Draft): Record<string, string> {
  const out: Record<string, string> = { name: d.name, description: d.description, path: d.path, tag_rows: String(d.tags.length) };
  d.tags.forEach((t, i) => {
    out[`tag-key-${i}`] = t.Key;
    out[`tag-value-${i}`] = t.Value;
  });
  return out;
}

const editorStep = (d: Draft): EditorStep => ({
  title: 'Create policy',
  lead: 'Write the policy in JSON, or build it in the visual editor. The service checks it when you choose Next.',
  crumbs: [['Policies', BASE]],
  action: `${BASE}/new`,
  cancel: BASE,
  steps: STEPS,
  carry: carry(d),
});

function draftErrors(d: Draft): FieldErrors {
  const errors: Record<string, string> = {};
  const name = nameProblem(d.name);
  if (name) errors.name = name;
  const description = descriptionProblem(d.description);
  if (description) errors.description = description;
  const path = pathProblem(d.path);
  if (path) errors.path = path;
  const seen = new Set<string>();
  d.tags.forEach((t, i) => {
    Object.assign(errors, tagProblems(t, { key: `tag-key-${i}`, value: `tag-value-${i}` }, i + 1));
    if (t.Key && seen.has(t.Key.toLowerCase()) && !errors[`tag-key-${i}`])
      errors[`tag-key-${i}`] = `Tag ${i + 1} repeats the key ${t.Key}: each key can be used once`;
    seen.add(t.Key.toLowerCase());
  });
  return errors;
}

interface ReviewView {
  check: Check;
  errors?: FieldErrors;
  message?: string;
  status?: 400 | 403 | 404 | 409 | 429;
  extraRows?: number;
}

function renderReview(c: ConsoleContext, d: Draft, view: ReviewView) {
  const e = view.errors ?? {};
  const rows = Math.min(d.tags.length + (view.extraRows ?? EMPTY_TAG_ROWS), MAX_TAGS);
  const padded = [...d.tags, ...Array.from({ length: rows - d.tags.length }, () => ({ Key: '', Value: '' }))];
  const warnings = view.check.findings.filter((f) => f.severity === 'warning');
  return page(
    c,
    { title: 'Review and create', section: 'policies', crumbs: [['Policies', BASE]], ...(view.status ? { status: view.status } : {}) },
    <>
      <ErrorSummary message={view.message} errors={view.errors} />
      <PageHeader title="Review and create" lead="Name the policy and check what it allows before you create it." />
      <StepsNav steps={STEPS} current={1} />
      {warnings.length ? (
        <div class="policies-warnings">
          <p>The service has warnings about this policy. You can create it as it is, or go back to the editor.</p>
          <PolicyFindings findings={warnings} field="policy-summary" level={2} />
        </div>
      ) : null}
      <form method="post" action={`${BASE}/new`} class="stack policies-review">
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="document" value={d.document} />
        <TextField
          label="Policy name"
          name="name"
          value={d.name}
          maxlength={128}
          required
          error={e.name}
          hint="Up to 128 letters, digits and + = , . @ _ -. Names are unique in the account, whatever their case."
        />
        <TextArea
          label="Description (optional)"
          name="description"
          value={d.description}
          rows={3}
          error={e.description}
          hint="Up to 1,000 characters. It cannot be changed later."
        />
        <TextField
          label="Path (optional)"
          name="path"
          value={d.path}
          error={e.path}
          hint="Leave empty for /. A path such as /teams/ groups policies in their ARNs."
        />
        <section aria-labelledby="policy-summary-title" id="policy-summary">
          <h2 id="policy-summary-title">Permissions defined in this policy</h2>
          <PolicySummary document={d.document} />
        </section>
        <fieldset class="field policies-tags">
          <legend>Tags (optional)</legend>
          <p class="hint">Key and value pairs that describe the policy; up to {MAX_TAGS}. Rows left empty are ignored.</p>
          <input type="hidden" name="tag_rows" value={String(rows)} />
          {padded.map((t, i) => (
            <div class="policies-tag">
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
        </fieldset>
        <div class="button-row">
          <button type="submit" name="intent" value="save">
            Create policy
          </button>
          {rows < MAX_TAGS ? (
            <button type="submit" name="intent" value="more-tags" class="secondary" formnovalidate>
              Add more tags
            </button>
          ) : null}
          <button type="submit" name="intent" value="back" class="secondary" formnovalidate>
            Back to the editor
          </button>
          <a href={BASE}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

newPolicyPages.get('/', (c) => renderEditor(c, editorStep(EMPTY), { document: STARTER }));

newPolicyPages.post('/', async (c) => {
  const form = await readForm(c);
  const d = readDraft(form);
  const intent = intentOf(form);
  if (intent === 'load' || intent === 'back') return renderEditor(c, editorStep(d), { document: d.document });
  if (intent === 'next') {
    const checked = await checkForNext(c, d.document);
    return checked.ok ? renderReview(c, d, { check: checked.check }) : renderEditor(c, editorStep(d), checked.state);
  }
  const documentError = documentProblem(d.document);
  if (documentError) return renderEditor(c, editorStep(d), { document: d.document, errors: { document: documentError }, status: 400 });
  const check = await checkPolicy(c, d.document, 'IDENTITY_POLICY');
  if (intent === 'more-tags') return renderReview(c, d, { check, extraRows: 5 });

  const errors = draftErrors(d);
  if (Object.keys(errors).length > 0) return renderReview(c, d, { check, errors, status: 400 });
  const created = await attempt(() =>
    c.var.iam.call<{ Policy: Policy }>('CreatePolicy', {
      PolicyName: d.name,
      PolicyDocument: d.document,
      Path: d.path || undefined,
      Description: d.description || undefined,
      Tags: d.tags.length ? d.tags : undefined,
    }),
  );
  if (!created.ok) {
    const err = created.error;
    if (DOCUMENT_ERRORS.has(err.code))
      return renderEditor(c, editorStep(d), {
        document: d.document,
        check,
        message: err.message,
        errors: { document: 'Correct the policy document' },
        status: 400,
      });
    if (err.code === 'EntityAlreadyExists') return renderReview(c, d, { check, errors: { name: err.message }, status: 409 });
    return renderReview(c, d, { check, message: err.message, status: statusFor(err) });
  }
  const p = created.value.Policy;
  return redirectWithNotice(c, viewUrl(p.Arn), `Policy ${p.PolicyName} was created.`);
});

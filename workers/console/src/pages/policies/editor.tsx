// The JSON editor step that creating and editing a policy share: a textarea with the document, the
// service's findings for it beside the field (ui/policy-editor.tsx: each at its line and JSON path),
// "Next" to the review step, and "Visual editor", which posts the current text to the visual editor
// (its own `formaction`, so it works without script) with this editor's address to come back to.
// The visual editor hands its JSON back by posting `intent=load` and `document` here: prefill only.
import type { FC } from 'hono/jsx';
import type { ConsoleContext } from '../../env';
import { page, type Form, text } from '../../render';
import { CsrfField, ErrorSummary, PageHeader, TextArea, type FieldErrors } from '../../ui/components';
import { checkPolicy, PolicyFindings, type Check } from '../../ui/policy-editor';
import { BASE, documentProblem, MAX_DOCUMENT } from './shared';

export const STARTER = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Statement1', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::example-bucket/*'] }],
  },
  null,
  2,
);

/** What the buttons of the policy forms post: which step comes next. */
export type Intent = 'load' | 'next' | 'back' | 'save' | 'more-tags';
const INTENTS: readonly Intent[] = ['load', 'next', 'back', 'save', 'more-tags'];
export const intentOf = (form: Form): Intent => {
  const i = text(form, 'intent', 20) as Intent;
  return INTENTS.includes(i) ? i : 'next';
};

/** The document as posted; read longer than allowed so a too-long one is reported, not cut. */
export const documentOf = (form: Form) => {
  const v = form.document;
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim().slice(0, MAX_DOCUMENT + 1);
};

export interface EditorStep {
  title: string;
  lead: string;
  crumbs: readonly (readonly [string, string])[];
  /** where the form posts, and where the visual editor returns */
  action: string;
  cancel: string;
  steps: readonly string[];
  /** values of later steps, carried through this one */
  carry?: Record<string, string>;
}

export interface EditorState {
  document: string;
  check?: Check | undefined;
  /** a message for the whole page (the API's refusal on save) */
  message?: string | undefined;
  errors?: FieldErrors | undefined;
  status?: 400 | 403 | 404 | 409 | 429 | undefined;
}

export const StepsNav: FC<{ steps: readonly string[]; current: number }> = ({ steps, current }) => (
  <ol class="steps-nav" aria-label="Steps">
    {steps.map((s, i) => (
      <li aria-current={i === current ? 'step' : undefined}>
        Step {i + 1}: {s}
      </li>
    ))}
  </ol>
);

export function renderEditor(c: ConsoleContext, step: EditorStep, state: EditorState) {
  const findings = state.check?.findings ?? [];
  return page(
    c,
    { title: step.title, section: 'policies', crumbs: step.crumbs, ...(state.status ? { status: state.status } : {}) },
    <>
      <ErrorSummary message={state.message} errors={state.errors} />
      <PageHeader title={step.title} lead={step.lead} />
      <StepsNav steps={step.steps} current={0} />
      <form method="post" action={step.action} class="stack policies-editor">
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="returnTo" value={step.action} />
        {Object.entries(step.carry ?? {}).map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
        <TextArea
          label="Policy editor (JSON)"
          name="document"
          value={state.document}
          rows={24}
          error={state.errors?.document}
          hint="An IAM policy: a Version and Statements with Effect, Action and Resource (and optionally Condition). It is checked when you choose Next."
        />
        <PolicyFindings findings={findings} field="document" unavailable={state.check?.unavailable} level={2} />
        <div class="button-row">
          <button type="submit" name="intent" value="next">
            Next
          </button>
          <button type="submit" name="intent" value="load" formaction={`${BASE}/visual`} class="secondary">
            Visual editor
          </button>
          <a href={step.cancel}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

/**
 * The editor's "Next": the document is checked by the service. Errors keep the person here (400, with
 * each finding at its line); warnings go on to the review step, which shows them again.
 */
export async function checkForNext(
  c: ConsoleContext,
  document: string,
): Promise<{ ok: true; check: Check } | { ok: false; state: EditorState }> {
  const problem = documentProblem(document);
  if (problem) return { ok: false, state: { document, errors: { document: problem }, status: 400 } };
  const check = await checkPolicy(c, document, 'IDENTITY_POLICY');
  const errors = check.findings.filter((f) => f.severity === 'error').length;
  if (!check.valid || errors > 0) {
    const message = `The policy has ${errors === 1 ? '1 error' : `${errors} errors`}. Correct ${errors === 1 ? 'it' : 'them'} to continue.`;
    return {
      ok: false,
      state: { document, check, message, errors: { document: 'Correct the errors in the policy document' }, status: 400 },
    };
  }
  return { ok: true, check };
}

/** Saving refused for the document (MalformedPolicyDocument, the size quota): back to the editor with findings. */
export const DOCUMENT_ERRORS = new Set(['MalformedPolicyDocument', 'LimitExceeded']);

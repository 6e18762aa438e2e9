// The frame of every visual-editor step: the page title, the steps (where the person is), the error
// summary, the step's form with the draft carried in hidden fields, and the policy's JSON as it stands,
// rendered on the server each time so it is "live" without script.
import type { Child, FC } from 'hono/jsx';
import { completeStatement, policyText, type DraftState, type DraftStatement } from '@edge-iam/core/catalogue';
import type { ConsoleContext } from '../../../env';
import { page } from '../../../render';
import { CsrfField, ErrorSummary, PageHeader, type FieldErrors } from '../../../ui/components';
import { hiddenValues, VISUAL, type Carried } from './state';

export const STEPS = ['Service', 'Actions', 'Resources', 'Conditions', 'Review'] as const;
export type Step = (typeof STEPS)[number];

export interface Problem {
  message?: string | undefined;
  errors?: FieldErrors | undefined;
}

/** The statements the JSON shows: the finished ones, then the one being edited as it would be added now. */
export function previewStatements(draft: DraftState): DraftStatement[] {
  const e = draft.editing;
  if (!e || e.actions.length === 0) return [...draft.statements];
  return [...draft.statements, ...completeStatement({ ...e, resources: e.resources ?? ['*'] })];
}

export const previewText = (draft: DraftState) =>
  policyText({ ...(draft.id !== undefined && { id: draft.id }), statements: previewStatements(draft) });

/** The hidden fields that carry the draft through a form. */
export const Carry: FC<{ state: Carried; csrf: string }> = ({ state, csrf }) => (
  <>
    <CsrfField token={csrf} />
    {Object.entries(hiddenValues(state)).map(([k, v]) => (
      <input type="hidden" name={k} value={v} />
    ))}
  </>
);

/** A form of the editor: posts to the visual editor with the draft. */
export const StepForm: FC<{ state: Carried; csrf: string; children?: Child; class?: string }> = ({ state, csrf, children, ...p }) => (
  <form method="post" action={VISUAL} class={p.class ?? 'stack'}>
    <Carry state={state} csrf={csrf} />
    {children}
  </form>
);

export const JsonPreview: FC<{ draft: DraftState }> = ({ draft }) => (
  <section class="panel" aria-labelledby="visual-json-title">
    <h2 id="visual-json-title">Policy JSON so far</h2>
    <p class="hint">This is what Finish hands to the JSON editor; it changes as you choose.</p>
    <pre class="mono" tabindex={0}>
      {previewText(draft)}
    </pre>
  </section>
);

export function renderStep(
  c: ConsoleContext,
  opts: { step: Step; title: string; lead?: Child; state: Carried; problem?: Problem; status?: 400 | 403 },
  body: Child,
) {
  const current = STEPS.indexOf(opts.step);
  const title = `Visual editor: ${opts.title}`;
  return page(
    c,
    {
      title,
      section: 'policies',
      crumbs: [
        ['Policies', '/console/policies'],
        ['JSON editor', opts.state.returnTo],
      ],
      ...(opts.status ? { status: opts.status } : {}),
    },
    <>
      <ErrorSummary message={opts.problem?.message} errors={opts.problem?.errors} />
      <PageHeader title={title} lead={opts.lead} />
      <ol class="steps-nav" aria-label="Steps of this statement">
        {STEPS.map((s, i) => (
          <li aria-current={i === current ? 'step' : undefined}>
            Step {i + 1}: {s}
          </li>
        ))}
      </ol>
      <div class="visual-editor">
        {body}
        <JsonPreview draft={opts.state.draft} />
      </div>
    </>,
  );
}

/** A refused request (tampered draft, bad return address): a 400 page that says so and offers a fresh start. */
export function renderRefused(c: ConsoleContext, message: string) {
  return page(
    c,
    { title: 'Visual editor', section: 'policies', crumbs: [['Policies', '/console/policies']], status: 400 },
    <>
      <ErrorSummary message={message} />
      <PageHeader title="Visual editor" lead="Nothing was changed." />
      <p>
        <a href={VISUAL}>Start a new policy in the visual editor</a> or go back to <a href="/console/policies">Policies</a>.
      </p>
    </>,
  );
}

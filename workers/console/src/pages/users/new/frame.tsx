// The frame every step of the add-user wizard shares: the step indicator, the one question's heading,
// the error summary, and a form that posts the answers so far (hidden) with this step's own fields.
// Buttons carry what the person asked for in `op`: next (the default), back, or a step's own actions.
import type { Child } from 'hono/jsx';
import type { ConsoleContext } from '../../../env';
import { page, type PageOptions } from '../../../render';
import { CsrfField, ErrorSummary, Notice, type FieldErrors } from '../../../ui/components';
import { DRAFT_FIELD, serializeDraft, STEP_TITLES, stepsOf, type Draft, type Step } from './draft';

export interface StepView {
  errors?: FieldErrors;
  message?: string | null;
  notice?: string | null;
  status?: PageOptions['status'];
}

const StepsNav = ({ draft, current }: { draft: Draft; current: Step }) => {
  const steps = stepsOf(draft);
  return (
    <nav aria-label="Add user steps">
      <ol class="steps-nav">
        {steps.map((s, i) => (
          <li aria-current={s === current ? 'step' : undefined}>
            <span class="visually-hidden">{s === current ? 'Current step: ' : ''}</span>
            Step {i + 1}: {STEP_TITLES[s]}
          </li>
        ))}
      </ol>
    </nav>
  );
};

/** The hidden field that carries the draft, for forms outside the frame (the create-group page). */
export const DraftField = ({ draft }: { draft: Draft }) => <input type="hidden" name={DRAFT_FIELD} value={serializeDraft(draft)} />;

export function wizardPage(
  c: ConsoleContext,
  o: StepView & { step: Step; draft: Draft; action?: string; heading?: string; next?: string; back?: boolean },
  body: Child,
) {
  const heading = o.heading ?? STEP_TITLES[o.step];
  return page(
    c,
    { title: `Add user: ${heading}`, section: 'users', crumbs: [['Users', '/console/users']], status: o.status },
    <>
      <StepsNav draft={o.draft} current={o.step} />
      <h1>{heading}</h1>
      <Notice message={o.notice} />
      <ErrorSummary message={o.message} errors={o.errors} />
      <form method="post" action={o.action ?? `/console/users/new/${o.step}`} class="stack wizard">
        <CsrfField token={c.var.csrfToken} />
        <DraftField draft={o.draft} />
        {body}
        <div class="button-row">
          <button type="submit" name="op" value="next">
            {o.next ?? 'Next'}
          </button>
          {o.back === false ? (
            <a href="/console/users">Cancel</a>
          ) : (
            <button type="submit" name="op" value="back" class="secondary">
              Back
            </button>
          )}
        </div>
      </form>
    </>,
  );
}

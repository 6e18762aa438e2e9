// The frame every step of the create-role wizard shares: the step indicator, the step's one heading,
// the error summary, and a form that posts the answers so far (hidden) with this step's own fields.
// Buttons carry what the person asked for in `op`: next (the default), back, or a step's own action.
import type { Child } from 'hono/jsx';
import type { ConsoleContext } from '../../../env';
import type { PageOptions } from '../../../render';
import { CsrfField, ErrorSummary, Notice, type FieldErrors } from '../../../ui/components';
import { ROLES_CRUMB } from '../shared';
import { DRAFT_FIELD, serializeDraft, STEP_TITLES, STEPS, type Draft, type Step } from './draft';
import { rolePage } from '../frame';

export interface StepView {
  errors?: FieldErrors;
  message?: string | null | undefined;
  notice?: string | null | undefined;
  status?: PageOptions['status'];
}

const StepsNav = ({ current }: { current: Step }) => {
  const at = current === 'trust-preview' || current === 'web-identity' ? 'trust' : current;
  return (
    <nav aria-label="Create role steps">
      <ol class="steps-nav">
        {STEPS.map(([s, title], i) => (
          <li aria-current={s === at ? 'step' : undefined}>
            <span class="visually-hidden">{s === at ? 'Current step: ' : ''}</span>
            Step {i + 1}: {title}
          </li>
        ))}
      </ol>
    </nav>
  );
};

export function wizardPage(c: ConsoleContext, o: StepView & { step: Step; draft: Draft; next?: string; back?: boolean }, body: Child) {
  const heading = STEP_TITLES[o.step];
  return rolePage(
    c,
    { title: `Create role: ${heading}`, crumbs: [ROLES_CRUMB], status: o.status },
    <>
      <StepsNav current={o.step} />
      <h1>{heading}</h1>
      <Notice message={o.notice} />
      <ErrorSummary message={o.message} errors={o.errors} />
      <form method="post" action={`/console/roles/new/${o.step}`} class="stack wizard role-wizard">
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name={DRAFT_FIELD} value={serializeDraft(o.draft)} />
        {body}
        <div class="button-row">
          <button type="submit" name="op" value="next">
            {o.next ?? 'Next'}
          </button>
          {o.back === false ? (
            <a href="/console/roles">Cancel</a>
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

// Step 1: choose the service a statement is for, from every service of the AWS Service Authorization
// Reference, narrowed by a search over names and prefixes (a form of its own, posted with the draft, so
// it works without script and keeps what was chosen so far).
import { getService, listServices, suggestService } from '@edge-iam/core/catalogue';
import type { ConsoleContext } from '../../../env';
import { text, type Form } from '../../../render';
import { TextField } from '../../../ui/components';
import { renderStep, StepForm, type Problem } from './frame';
import type { Carried } from './state';

function matching(query: string) {
  const q = query.toLowerCase();
  const all = [...listServices()].sort((a, b) => a.name.localeCompare(b.name));
  return q ? all.filter((s) => s.prefix.includes(q) || s.name.toLowerCase().includes(q)) : all;
}

export function renderServiceStep(c: ConsoleContext, state: Carried, opts: { query?: string; problem?: Problem; status?: 400 } = {}) {
  const query = opts.query ?? '';
  const services = matching(query);
  const chosen = state.draft.editing?.service;
  return renderStep(
    c,
    {
      step: 'Service',
      title: 'choose a service',
      lead: 'Each statement is for one service. Search by name (S3, DynamoDB) or by prefix (s3, dynamodb).',
      state,
      problem: opts.problem,
      ...(opts.status ? { status: opts.status } : {}),
    },
    <>
      <StepForm state={state} csrf={c.var.csrfToken} class="visual-search">
        <TextField label="Search services" name="q" type="search" value={query} />
        <button type="submit" name="intent" value="search" class="secondary">
          Search
        </button>
      </StepForm>
      <StepForm state={state} csrf={c.var.csrfToken}>
        <fieldset class={opts.problem?.errors?.service ? 'field has-error' : 'field'} id="service">
          <legend>Service{query ? ` (${services.length} matching “${query}”)` : ` (${services.length})`}</legend>
          {opts.problem?.errors?.service ? <p class="field-error">{opts.problem.errors.service}</p> : null}
          {services.length === 0 ? <p class="muted">No service matches. Try a shorter search.</p> : null}
          <div class="service-list">
            {services.map((s) => (
              <div class="check">
                <input type="radio" id={`service-${s.prefix}`} name="service" value={s.prefix} checked={s.prefix === chosen} />
                <label for={`service-${s.prefix}`}>
                  {s.name}{' '}
                  <span class="hint">
                    {s.prefix}, {s.actionCount} actions
                  </span>
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div class="button-row">
          <button type="submit" name="intent" value="service">
            Next: actions
          </button>
          <button type="submit" name="intent" value="review" class="secondary">
            {state.draft.statements.length ? 'Back to the statements' : 'Cancel this statement'}
          </button>
        </div>
      </StepForm>
    </>,
  );
}

/** The service chosen, or the field's message (400). */
export function readService(form: Form): { ok: true; prefix: string } | { ok: false; message: string } {
  const value = text(form, 'service', 128);
  if (!value) return { ok: false, message: 'Choose a service' };
  const service = getService(value);
  if (service) return { ok: true, prefix: service.prefix };
  const guess = suggestService(value);
  return { ok: false, message: `There is no AWS service “${value}”${guess ? ` (did you mean ${guess}?)` : ''}: choose one from the list` };
}

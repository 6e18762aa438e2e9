// Step 5: the policy's statements, its summary by service and access level, and the service's findings
// for the JSON; add another statement, remove one, or Finish: a form that posts the JSON to the JSON
// editor the visual editor was opened from (`intent=load`, with the editor's own fields carried back).
// Also the page for a document the visual editor cannot show, which offers the way back to JSON.
import type { FC } from 'hono/jsx';
import { getService, statementJson, type DraftState } from '@edge-iam/core/catalogue';
import type { ConsoleContext } from '../../../env';
import { page } from '../../../render';
import { CsrfField, PageHeader } from '../../../ui/components';
import { checkPolicy, PolicyFindings } from '../../../ui/policy-editor';
import { PolicySummary } from '../../../ui/policy-summary';
import { previewText, renderStep, StepForm, type Problem } from './frame';
import { fresh, type Carried } from './state';

/** Posts a document to the JSON editor, with the fields it carried here. */
export const ToJsonEditor: FC<{ state: Carried; csrf: string; document: string; label: string; secondary?: boolean }> = (p) => (
  <form method="post" action={p.state.returnTo} class="inline">
    <CsrfField token={p.csrf} />
    {Object.entries(p.state.carry).map(([k, v]) => (
      <input type="hidden" name={k} value={v} />
    ))}
    <input type="hidden" name="document" value={p.document} />
    <input type="hidden" name="intent" value="load" />
    <button type="submit" class={p.secondary ? 'secondary' : undefined}>
      {p.label}
    </button>
  </form>
);

const StatementRows: FC<{ c: ConsoleContext; state: Carried }> = ({ c, state }) => (
  <div class="table-wrap" role="region" aria-label="Statements" tabindex={0}>
    <table>
      <caption>Statements of the policy</caption>
      <thead>
        <tr>
          <th scope="col">Statement</th>
          <th scope="col">Effect</th>
          <th scope="col">Actions</th>
          <th scope="col">Resources</th>
          <th scope="col">Conditions</th>
          <th scope="col">Remove</th>
        </tr>
      </thead>
      <tbody>
        {state.draft.statements.map((s, i) => {
          const json = statementJson(s);
          const actions = ([] as string[]).concat(json['Action'] as string | string[]);
          return (
            <tr>
              <th scope="row">
                {i + 1}. {getService(s.service)?.name ?? s.service}
                {s.sid ? <span class="hint">{s.sid}</span> : null}
              </th>
              <td>{s.effect}</td>
              <td>
                {actions.slice(0, 5).map((a, j) => (
                  <>
                    {j > 0 ? ', ' : ''}
                    <code>{a}</code>
                  </>
                ))}
                {actions.length > 5 ? ` and ${actions.length - 5} more` : ''}
              </td>
              <td>
                {s.resources.includes('*') ? (
                  'All resources'
                ) : (
                  <ul class="plain">
                    {s.resources.map((r) => (
                      <li>
                        <code>{r}</code>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{s.conditions.length ? s.conditions.map((x) => `${x.operator} ${x.key}`).join('; ') : 'None'}</td>
              <td>
                <StepForm state={state} csrf={c.var.csrfToken} class="inline">
                  <input type="hidden" name="index" value={String(i)} />
                  <button type="submit" name="intent" value="remove-statement" class="secondary small">
                    Remove<span class="visually-hidden"> statement {i + 1}</span>
                  </button>
                </StepForm>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  </div>
);

export async function renderReview(
  c: ConsoleContext,
  state: Carried,
  opts: { notes?: readonly string[]; problem?: Problem; status?: 400 } = {},
) {
  const draft: DraftState = { ...state.draft, editing: undefined };
  const s: Carried = { ...state, draft };
  const document = previewText(draft);
  const check = draft.statements.length > 0 ? await checkPolicy(c, document, 'IDENTITY_POLICY') : undefined;
  return renderStep(
    c,
    {
      step: 'Review',
      title: 'review the policy',
      lead: 'Add another statement, or Finish to go back to the JSON editor with this policy.',
      state: s,
      problem: opts.problem,
      ...(opts.status ? { status: opts.status } : {}),
    },
    <>
      {opts.notes?.length ? (
        <div class="notice" role="status">
          {opts.notes.map((n) => (
            <p>{n}</p>
          ))}
        </div>
      ) : null}
      {draft.statements.length > 0 ? (
        <StatementRows c={c} state={s} />
      ) : (
        <p class="muted">The policy has no statements yet. Add one: choose a service, its actions, resources and conditions.</p>
      )}
      {check ? <PolicyFindings findings={check.findings} field="visual-json-title" unavailable={check.unavailable} /> : null}
      {draft.statements.length > 0 ? (
        <section class="panel" aria-labelledby="visual-summary-title">
          <h2 id="visual-summary-title">Summary</h2>
          <PolicySummary document={JSON.parse(document)} />
        </section>
      ) : null}
      <div class="button-row">
        <StepForm state={s} csrf={c.var.csrfToken} class="inline">
          <button type="submit" name="intent" value="another" class={draft.statements.length ? 'secondary' : undefined}>
            {draft.statements.length ? 'Add another statement' : 'Add a statement'}
          </button>
        </StepForm>
        {draft.statements.length > 0 ? (
          <ToJsonEditor state={s} csrf={c.var.csrfToken} document={document} label="Finish: back to the JSON editor" />
        ) : null}
        <a href={s.returnTo}>Cancel</a>
      </div>
    </>,
  );
}

/** The JSON editor's document uses what the visual editor cannot show: say what, and offer the way back. */
export function renderCannotShow(c: ConsoleContext, state: Carried, document: string, problems: readonly string[]) {
  return page(
    c,
    { title: 'Visual editor: this policy cannot be shown', section: 'policies', crumbs: [['Policies', '/console/policies']] },
    <>
      <PageHeader
        title="Visual editor: this policy cannot be shown"
        lead="The visual editor shows one service per statement with Action, Resource and Condition. This document uses more than that, so edit it in JSON."
      />
      <div class="warning" role="region" aria-label="What the visual editor cannot show">
        <ul>
          {problems.slice(0, 20).map((p) => (
            <li>{p.split('`').map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))}</li>
          ))}
        </ul>
        {problems.length > 20 ? <p>And {problems.length - 20} more.</p> : null}
      </div>
      <div class="button-row">
        <ToJsonEditor state={state} csrf={c.var.csrfToken} document={document} label="Back to the JSON editor" />
        <StepForm state={fresh(state.returnTo, state.carry)} csrf={c.var.csrfToken} class="inline">
          <button type="submit" name="intent" value="another" class="secondary">
            Start a new policy in the visual editor instead
          </button>
        </StepForm>
      </div>
      <p class="hint">Starting a new policy discards this document; nothing is saved until you save in the JSON editor.</p>
    </>,
  );
}

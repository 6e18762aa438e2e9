// The simulator's one form: who (a user, group or role picked from a filtered list, or pasted
// policies), what (actions and resources), in which context (key / type / values rows), and the
// options AWS's simulator has (boundary, resource-based policy, caller). Its buttons say what they do:
// "Show names" re-reads the list for the kind and filter, "Find context keys" asks the service which
// keys the policies use, "Run simulation" decides. Everything typed is shown back on each render, so
// the page works as a plain form without script.
import type { FC } from 'hono/jsx';
import type { Choices } from '../../lists';
import { CsrfField, FieldError, Radios, TextArea, TextField, type FieldErrors } from '../../ui/components';
import { PolicyFindings, type Check } from '../../ui/policy-editor';
import { ContextFields } from './context-fields';
import { LIMITS, type Draft, type PrincipalKind } from './draft';

export interface Principal {
  name: string;
  arn: string;
  path: string;
}

export interface FormState {
  draft: Draft;
  csrf: string;
  errors: FieldErrors;
  /** the principals of the chosen kind matching the filter (principal mode) */
  choices?: Choices<Principal>;
  /** the service's findings for a pasted document the simulation refused, by field */
  findings?: Record<string, Check>;
  /** context keys the policies use, when the service was asked */
  usedKeys?: readonly string[];
}

const KIND_WORDS: Record<PrincipalKind, string> = { user: 'user', group: 'user group', role: 'role' };

/** The two ways to simulate, as links: switching starts a fresh form. */
export const ModeLinks: FC<{ mode: Draft['mode'] }> = ({ mode }) => (
  <nav class="sim-modes" aria-label="What to simulate">
    <a href="/console/simulator" aria-current={mode === 'principal' ? 'page' : undefined}>
      A user, group or role
    </a>
    <a href="/console/simulator?mode=custom" aria-current={mode === 'custom' ? 'page' : undefined}>
      Policies you paste
    </a>
  </nav>
);

const PrincipalPicker: FC<{ s: FormState }> = ({ s }) => {
  const d = s.draft;
  const words = KIND_WORDS[d.kind];
  const items = s.choices?.items ?? [];
  const chosenShown = items.some((p) => p.arn === d.principal);
  return (
    <fieldset class="sim-block">
      <legend>Principal</legend>
      <Radios
        legend="Kind of principal"
        name="kind"
        value={d.kind}
        options={[
          { value: 'user', label: 'User' },
          { value: 'group', label: 'User group', hint: 'its members get these policies' },
          { value: 'role', label: 'Role' },
        ]}
      />
      <div class="sim-filter">
        <TextField label="Find by name" name="filter" type="search" value={d.filter} hint="Part of the name; leave empty for all." />
        <button type="submit" name="intent" value="list" class="secondary">
          Show names
        </button>
      </div>
      {s.choices?.denied ? (
        <div class={s.errors.principal ? 'field has-error' : 'field'} id="principal">
          <p class="warning">
            The {words} list cannot be shown: {s.choices.denied}
          </p>
          <TextField
            label={`ARN of the ${words}`}
            name="principal_arn"
            value={d.principal}
            mono
            error={s.errors.principal}
            hint="For example arn:aws:iam::123456789012:user/tom"
          />
        </div>
      ) : (
        <fieldset class={s.errors.principal ? 'field has-error sim-names' : 'field sim-names'} id="principal">
          <legend>Choose the {words}</legend>
          <FieldError id="principal" message={s.errors.principal} />
          {items.length === 0 ? (
            <p class="muted">{d.filter ? `No ${words}s match “${d.filter}”.` : `There are no ${words}s in this account.`}</p>
          ) : null}
          {items.map((p) => (
            <div class="check">
              <input type="radio" id={`principal-${p.arn}`} name="principal" value={p.arn} checked={p.arn === d.principal} />
              <label for={`principal-${p.arn}`}>
                {p.name}
                {p.path !== '/' ? <span class="hint">path {p.path}</span> : null}
              </label>
            </div>
          ))}
          {d.principal && !chosenShown ? (
            <div class="check">
              <input type="radio" id="principal-chosen" name="principal" value={d.principal} checked />
              <label for="principal-chosen">
                {d.principal.split('/').pop()}
                <span class="hint">chosen earlier: {d.principal}</span>
              </label>
            </div>
          ) : null}
          {s.choices?.more ? <p class="hint">Showing the first {items.length} matches. Narrow the name to find others.</p> : null}
        </fieldset>
      )}
    </fieldset>
  );
};

const PolicyFields: FC<{ s: FormState; extra: boolean }> = ({ s, extra }) => {
  const docs = s.draft.policies;
  // One empty box beyond those filled (two to start with), up to the limit.
  const boxes = Math.min(LIMITS.policies, Math.max(docs.length + 1, extra ? 1 : 2));
  return (
    <fieldset class="sim-block">
      <legend>{extra ? 'Policies to add (optional)' : 'Policies to simulate'}</legend>
      <p class="hint">
        {extra
          ? 'Identity-based policies simulated as if they were attached too, for trying a change before making it.'
          : 'Paste identity-based policies (JSON). Each is simulated as if it were attached to one principal.'}{' '}
        Up to {LIMITS.policies} policies of {LIMITS.document.toLocaleString('en')} characters; a box is added for each one you fill.
      </p>
      {Array.from({ length: boxes }, (_, i) => (
        <>
          <TextArea
            label={`Policy ${i + 1}${!extra && i === 0 ? '' : ' (optional)'}`}
            name={`policy_${i}`}
            value={docs[i] ?? ''}
            rows={i === 0 && !extra ? 12 : 6}
            error={s.errors[`policy_${i}`]}
          />
          {s.findings?.[`policy_${i}`] ? (
            <PolicyFindings
              findings={s.findings[`policy_${i}`]!.findings}
              field={`policy_${i}`}
              unavailable={s.findings[`policy_${i}`]!.unavailable}
            />
          ) : null}
        </>
      ))}
    </fieldset>
  );
};

const MoreOptions: FC<{ s: FormState }> = ({ s }) => {
  const d = s.draft;
  const open =
    Boolean(d.boundary || d.resourcePolicy || d.callerArn || (d.mode === 'principal' && d.policies.length > 0)) ||
    ['boundary', 'resource_policy', 'caller_arn', 'page_size', 'policy_0'].some(
      (f) => s.errors[f] && (f !== 'policy_0' || d.mode === 'principal'),
    );
  return (
    <details class="sim-more" open={open}>
      <summary>More options: boundary, resource-based policy, caller</summary>
      {d.mode === 'principal' ? <PolicyFields s={s} extra /> : null}
      <TextArea
        label="Permissions boundary (optional)"
        name="boundary"
        value={d.boundary}
        rows={6}
        error={s.errors.boundary}
        hint={
          d.mode === 'principal'
            ? "Replaces the principal's own boundary in this simulation."
            : 'Limits what the pasted policies can allow.'
        }
      />
      {s.findings?.boundary ? <PolicyFindings findings={s.findings.boundary.findings} field="boundary" /> : null}
      <TextArea
        label="Resource-based policy (optional)"
        name="resource_policy"
        value={d.resourcePolicy}
        rows={6}
        error={s.errors.resource_policy}
        hint="A bucket or queue policy, say, evaluated together with the identity-based policies."
      />
      {s.findings?.resource_policy ? <PolicyFindings findings={s.findings.resource_policy.findings} field="resource_policy" /> : null}
      <TextField
        label="Caller ARN (optional)"
        name="caller_arn"
        value={d.callerArn}
        mono
        error={s.errors.caller_arn}
        hint="Who makes the request, for the resource-based policy's Principal and for aws:username; needed with a resource-based policy unless a user or role is simulated."
      />
      <TextField
        label="Results per page"
        name="page_size"
        type="number"
        inputmode="numeric"
        min={1}
        max={LIMITS.pageSize}
        value={d.pageSize}
        error={s.errors.page_size}
      />
    </details>
  );
};

export const SimulatorForm: FC<{ s: FormState }> = ({ s }) => {
  const d = s.draft;
  return (
    <form method="post" action="/console/simulator" class="sim-form">
      <CsrfField token={s.csrf} />
      <input type="hidden" name="mode" value={d.mode} />
      {d.mode === 'principal' ? <PrincipalPicker s={s} /> : <PolicyFields s={s} extra={false} />}
      <fieldset class="sim-block">
        <legend>Request</legend>
        <TextArea
          label="Actions"
          name="actions"
          value={d.actions}
          rows={4}
          error={s.errors.actions}
          hint={`One per line or separated by commas, for example s3:GetObject, iam:CreateUser or s3:Get*. Up to ${LIMITS.actions}.`}
        />
        <TextArea
          label="Resources"
          name="resources"
          value={d.resources}
          rows={3}
          error={s.errors.resources}
          hint={`One ARN per line, for example arn:aws:s3:::my-bucket/report.csv; * for any resource. Up to ${LIMITS.resources}.`}
        />
      </fieldset>
      <ContextFields s={s} />
      <MoreOptions s={s} />
      <div class="button-row">
        <button type="submit" name="intent" value="run">
          Run simulation
        </button>
        <a href={d.mode === 'custom' ? '/console/simulator?mode=custom' : '/console/simulator'}>Start again</a>
      </div>
    </form>
  );
};

// Step 4 of creating a role: check your answers. Everything chosen, grouped by step, each with a
// "Change" button back to its step (buttons, not links: the answers travel in the form, never in a
// URL), the trust policy in words and as JSON, then "Create role".
import type { Child } from 'hono/jsx';
import type { ConsoleContext } from '../../../env';
import { duration, nameOfArn } from '../shared';
import { describeTrust } from '../trust';
import { TrustWords } from '../trust-words';
import type { Draft, Step } from './draft';
import { subjectOf } from './federation';
import { wizardPage, type StepView } from './frame';

const Change = ({ step, what }: { step: Step; what: string }) => (
  <button type="submit" name="op" value={`goto-${step}`} class="link">
    Change<span class="visually-hidden"> {what}</span>
  </button>
);

const Rows = ({ rows }: { rows: readonly (readonly [string, Child, Step, string])[] }) => (
  <dl class="summary wizard-review">
    {rows.map(([k, v, step, what]) => (
      <div>
        <dt>{k}</dt>
        <dd>{v}</dd>
        <dd class="wizard-review-action">
          <Change step={step} what={what} />
        </dd>
      </div>
    ))}
  </dl>
);

const none = <span class="muted">None</span>;

const WebIdentityAnswers = ({ d }: { d: Draft }) => {
  const subject = subjectOf(d);
  return (
    <>
      Audience <span class="mono">{d.audience}</span>;{' '}
      {subject ? (
        <>
          subject matching <span class="mono">{subject}</span>
        </>
      ) : (
        'any subject'
      )}
    </>
  );
};

export function reviewPage(c: ConsoleContext, d: Draft, document: string, view: StepView = {}) {
  const statements = describeTrust(document, c.var.session.principal.accountId) ?? [];
  return wizardPage(
    c,
    { ...view, step: 'review', draft: { ...d, reviewing: true }, next: 'Create role' },
    <>
      <h2>Role details</h2>
      <Rows
        rows={[
          ['Role name', d.roleName, 'details', 'role name'],
          ['Description', d.description || none, 'details', 'description'],
          ['Path', <span class="mono">{d.path || '/'}</span>, 'details', 'path'],
          ['Maximum session duration', duration(Number(d.maxSession)), 'details', 'maximum session duration'],
        ]}
      />
      <h2>Trusted entities</h2>
      <Rows
        rows={[
          ['Who may assume the role', <TrustWords statements={statements} />, 'trust', 'trusted entities'],
          ...(d.trustType === 'web-identity'
            ? ([['Audience and subject', <WebIdentityAnswers d={d} />, 'web-identity', 'audience and subject']] as const)
            : []),
        ]}
      />
      <pre class="role-policy">{document}</pre>
      <h2>Permissions</h2>
      <Rows
        rows={[
          ['Managed policies', d.policies.length ? d.policies.map(nameOfArn).join(', ') : none, 'permissions', 'managed policies'],
          ['Permissions boundary', d.boundary ? <span class="mono">{d.boundary}</span> : none, 'permissions', 'permissions boundary'],
        ]}
      />
      <h2>Tags</h2>
      <Rows
        rows={
          d.tags.length
            ? d.tags.map((t, i) => [t.Key, t.Value || <span class="muted">(no value)</span>, 'details', `tag ${i + 1}`] as const)
            : [['Tags', none, 'details', 'tags']]
        }
      />
    </>,
  );
}

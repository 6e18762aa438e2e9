// Step 1 of creating a role: who may assume it. An AWS service, another account (optionally only with
// an external ID, or only with MFA), an IAM user of this account, the tokens of one of the account's
// OpenID Connect providers (web identity: its audience and subjects are asked next, web-identity-step),
// the assertions of one of its SAML providers, or a trust policy written by hand. Without script every
// kind's fields are on the page at once, each in its own group, and only the chosen kind's are read.
// The next page shows the trust policy the answers make, before going on.
import type { ConsoleContext } from '../../../env';
import { Checkbox, FieldError, TextField, type FieldErrors } from '../../../ui/components';
import { PolicyFindings } from '../../../ui/policy-editor';
import { PolicyEditor, type Judgement } from '../editor';
import { COMMON_SERVICES, CUSTOM_TEMPLATE, describeTrust } from '../trust';
import { TrustWords } from '../trust-words';
import type { Draft, TrustType } from './draft';
import { SamlFields, WebIdentityFields } from './federation-fields';
import { wizardPage, type StepView } from './frame';
import { oidcProviders, samlProviders } from './providers';

const KINDS: readonly { value: TrustType; label: string; hint: string }[] = [
  { value: 'service', label: 'AWS service', hint: 'Let a service such as EC2 or Lambda act in this account.' },
  { value: 'account', label: 'AWS account', hint: 'Let principals of another account (or this one) assume the role.' },
  {
    value: 'user',
    label: 'IAM user of this account',
    hint: 'Let one user assume the role, for example to act with more permissions for a while.',
  },
  {
    value: 'web-identity',
    label: 'Web identity',
    hint: 'Let workloads with tokens from an OpenID Connect provider of this account, such as GitHub Actions or a Kubernetes cluster, assume the role.',
  },
  {
    value: 'saml',
    label: 'SAML 2.0 federation',
    hint: 'Let people signed in at your organization’s SAML 2.0 identity provider assume the role.',
  },
  { value: 'custom', label: 'Custom trust policy', hint: 'Write the trust policy in JSON.' },
];

export async function trustPage(c: ConsoleContext, d: Draft, view: StepView & { judgement?: Judgement | undefined } = {}) {
  const e: FieldErrors = view.errors ?? {};
  const [oidc, saml] = await Promise.all([oidcProviders(c), samlProviders(c)]);
  // The IAM API answers at the console's own origin: the AWS CLI's --endpoint-url.
  const endpoint = new URL(c.req.url).origin;
  return wizardPage(
    c,
    { ...view, step: 'trust', draft: d, back: false },
    <>
      <fieldset class={e.trustType ? 'field has-error' : 'field'} id="trustType">
        <legend>Trusted entity type</legend>
        <FieldError id="trustType" message={e.trustType} />
        {KINDS.map((k) => (
          <div class="check">
            <input
              type="radio"
              id={`trustType-${k.value}`}
              name="trustType"
              value={k.value}
              checked={d.trustType === k.value}
              aria-describedby={`trustType-${k.value}-hint`}
            />
            <label for={`trustType-${k.value}`}>
              {k.label}
              <span class="hint" id={`trustType-${k.value}-hint`}>
                {k.hint}
              </span>
            </label>
          </div>
        ))}
      </fieldset>

      <fieldset class="field role-choice">
        <legend>If an AWS service</legend>
        <div class={e.service ? 'field has-error' : 'field'}>
          <label for="service">Service</label>
          <FieldError id="service" message={e.service} />
          <select id="service" name="service" aria-describedby={e.service ? 'service-error' : undefined}>
            {COMMON_SERVICES.map(([principal, label]) => (
              <option value={principal} selected={d.service === principal}>
                {label} ({principal})
              </option>
            ))}
            <option value="other" selected={d.service === 'other'}>
              Another service: type its principal below
            </option>
          </select>
        </div>
        <TextField
          label="Other service principal"
          name="serviceOther"
          value={d.serviceOther}
          error={e.serviceOther}
          maxlength={128}
          mono
          hint="Only when Service is “Another service”, for example ssm.amazonaws.com."
        />
      </fieldset>

      <fieldset class="field role-choice">
        <legend>If an AWS account</legend>
        <TextField
          label="Account ID"
          name="accountId"
          value={d.accountId}
          error={e.accountId}
          inputmode="numeric"
          maxlength={14}
          mono
          hint={`12 digits. This account is ${c.var.session.principal.accountId}; its IAM policies then decide who may assume the role.`}
        />
        <Checkbox
          name="requireExternalId"
          checked={d.requireExternalId}
          label="Require external ID"
          hint="Best practice when a third party will assume this role: they must pass this ID (sts:ExternalId)."
        />
        <TextField label="External ID" name="externalId" value={d.externalId} error={e.externalId} maxlength={1224} mono />
        <Checkbox
          name="requireMfa"
          checked={d.requireMfa}
          label="Require MFA"
          hint="Only principals who signed in with an MFA device may assume the role (aws:MultiFactorAuthPresent)."
        />
      </fieldset>

      <fieldset class="field role-choice">
        <legend>If an IAM user</legend>
        <TextField
          label="User name"
          name="userName"
          value={d.userName}
          error={e.userName}
          maxlength={64}
          hint="The user of this account who may assume the role. The trust policy names the user's ARN."
        />
      </fieldset>

      <WebIdentityFields d={d} list={oidc} error={e.oidcProvider} endpoint={endpoint} />
      <SamlFields d={d} list={saml} errors={e} endpoint={endpoint} />

      <fieldset class="field role-choice">
        <legend>If a custom trust policy</legend>
        <PolicyEditor
          label="Trust policy (JSON)"
          name="customPolicy"
          value={d.customPolicy || CUSTOM_TEMPLATE}
          error={e.customPolicy}
          judgement={view.judgement}
          hint="A policy whose statements name a Principal and allow sts:AssumeRole (or AssumeRoleWithSAML, AssumeRoleWithWebIdentity, TagSession)."
        />
      </fieldset>
    </>,
  );
}

/** The trust policy the answers make, in words and as JSON, with the service's findings. */
export function trustPreviewPage(
  c: ConsoleContext,
  d: Draft,
  document: string,
  view: StepView & { judgement?: Judgement | undefined } = {},
) {
  const statements = describeTrust(document, c.var.session.principal.accountId) ?? [];
  return wizardPage(
    c,
    { ...view, step: 'trust-preview', draft: d },
    <>
      <p class="lead">This is the trust policy the role will have. You can change it later on the role's page.</p>
      <TrustWords statements={statements} />
      <h2>Trust policy</h2>
      <pre class="role-policy" id="trust-document">
        {document}
      </pre>
      <PolicyFindings findings={view.judgement?.findings ?? []} field="trust-document" unavailable={view.judgement?.unavailable} />
      <div>
        <button type="submit" name="op" value="customize" class="secondary">
          Edit this trust policy as JSON
        </button>
      </div>
    </>,
  );
}

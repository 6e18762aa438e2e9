// Step 1's groups for the two federated kinds: the account's OpenID Connect providers (web identity)
// and SAML providers, each a list of radios. An account with none is told how to add one; a person
// who may not list them is told the API's refusal and what to ask for, in the list's place.
import type { Child, FC } from 'hono/jsx';
import { Copyable, FieldError, Time, type FieldErrors } from '../../../ui/components';
import { SAML_AUDIENCE } from '../trust';
import type { Draft } from './draft';
import { SAML_PROGRAMMATIC } from './federation';
import type { ProviderList } from './providers';

const ProviderRadios: FC<{
  name: 'oidcProvider' | 'samlProvider';
  /** what the list holds, in "The … could not be listed" */
  what: string;
  legend: string;
  hint: string;
  list: ProviderList;
  value: string;
  error: string | undefined;
  none: Child;
  denied: Child;
}> = (p) => (
  <fieldset class={p.error ? 'field has-error' : 'field'} id={p.name} aria-describedby={`${p.name}-hint`}>
    <legend>{p.legend}</legend>
    <p class="hint" id={`${p.name}-hint`}>
      {p.hint}
    </p>
    <FieldError id={p.name} message={p.error} />
    {!p.list.ok ? (
      <div class="role-unavailable">
        <p>
          The {p.what} could not be listed: {p.list.denied} {p.denied}
        </p>
      </div>
    ) : p.list.items.length === 0 ? (
      <div class="role-unavailable">{p.none}</div>
    ) : (
      p.list.items.map((item, i) => (
        <div class="check">
          <input
            type="radio"
            id={`${p.name}-${i}`}
            name={p.name}
            value={item.arn}
            checked={p.value === item.arn}
            aria-describedby={`${p.name}-${i}-hint`}
          />
          <label for={`${p.name}-${i}`}>
            {item.name}
            <span class="hint" id={`${p.name}-${i}-hint`}>
              <span class="mono">{item.arn}</span>
              {item.validUntil ? (
                <>
                  {' '}
                  Valid until <Time value={item.validUntil} />
                </>
              ) : null}
            </span>
          </label>
        </div>
      ))
    )}
  </fieldset>
);

/** How to add a provider with the AWS CLI, pointed at this service. */
const AddCommand: FC<{ id: string; command: string }> = ({ id, command }) => <Copyable value={command} id={id} label="command" />;

export const WebIdentityFields: FC<{ d: Draft; list: ProviderList; error: string | undefined; endpoint: string }> = ({
  d,
  list,
  error,
  endpoint,
}) => (
  <fieldset class="field role-choice">
    <legend>If web identity</legend>
    <ProviderRadios
      name="oidcProvider"
      what="identity providers"
      legend="Identity provider"
      hint="An OpenID Connect provider of this account. Next you choose the audience of its tokens and, if you like, which subjects may assume the role."
      list={list}
      value={d.oidcProvider}
      error={error}
      none={
        <>
          <p>This account has no OpenID Connect identity providers yet.</p>
          <p class="hint">Add one with the AWS CLI, then start again here. For GitHub Actions:</p>
          <AddCommand
            id="oidc-add-command"
            command={`aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com --endpoint-url ${endpoint}`}
          />
        </>
      }
      denied={
        <span class="hint">
          To trust one here, ask for iam:ListOpenIDConnectProviders and iam:GetOpenIDConnectProvider; or choose Custom trust policy and name
          the provider’s ARN as the Federated principal.
        </span>
      }
    />
  </fieldset>
);

export const SamlFields: FC<{ d: Draft; list: ProviderList; errors: FieldErrors; endpoint: string }> = ({ d, list, errors, endpoint }) => (
  <fieldset class="field role-choice">
    <legend>If SAML 2.0 federation</legend>
    <ProviderRadios
      name="samlProvider"
      what="SAML providers"
      legend="SAML 2.0 provider"
      hint="The identity provider of this account whose signed assertions may assume the role."
      list={list}
      value={d.samlProvider}
      error={errors.samlProvider}
      none={
        <>
          <p>This account has no SAML providers yet.</p>
          <p class="hint">Add one from your identity provider’s metadata with the AWS CLI, then start again here:</p>
          <AddCommand
            id="saml-add-command"
            command={`aws iam create-saml-provider --name Corp --saml-metadata-document file://idp-metadata.xml --endpoint-url ${endpoint}`}
          />
        </>
      }
      denied={
        <span class="hint">
          To trust one here, ask for iam:ListSAMLProviders; or choose Custom trust policy and name the provider’s ARN as the Federated
          principal.
        </span>
      }
    />
    <fieldset class={errors.samlAccess ? 'field has-error' : 'field'} id="samlAccess">
      <legend>Access</legend>
      <FieldError id="samlAccess" message={errors.samlAccess} />
      <div class="check">
        <input
          type="radio"
          id="samlAccess-programmatic"
          name="samlAccess"
          value={SAML_PROGRAMMATIC}
          checked={d.samlAccess === SAML_PROGRAMMATIC}
          aria-describedby="samlAccess-programmatic-hint"
        />
        <label for="samlAccess-programmatic">
          Allow programmatic access only
          <span class="hint" id="samlAccess-programmatic-hint">
            AssumeRoleWithSAML, from the AWS CLI or an SDK. The policy requires the assertion’s recipient to be{' '}
            <span class="mono">{SAML_AUDIENCE}</span> (saml:aud): configure your identity provider with it, as for AWS.
          </span>
        </label>
      </div>
      <div class="check">
        <input type="radio" id="samlAccess-console" name="samlAccess" value="console" disabled aria-describedby="samlAccess-console-hint" />
        <label for="samlAccess-console">
          Allow programmatic and AWS Management Console access
          <span class="hint" id="samlAccess-console-hint">
            Not offered: this service has no console sign-in through SAML; assertions are exchanged through AssumeRoleWithSAML only.
          </span>
        </label>
      </div>
    </fieldset>
  </fieldset>
);

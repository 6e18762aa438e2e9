// The app settings form, for "Register an app" and "Edit settings", GOV.UK style: a label and hint on
// every input, the message beside the field. The client type is chosen once, at registration: the API
// cannot change it, so the edit form shows it instead of asking. Values and checks: form-values.ts.
import type { FC } from 'hono/jsx';
import { OAUTH_TTL } from '@edge-iam/core/web';
import { Checkbox, CsrfField, FieldError, type FieldErrors, Radios, TextArea, TextField } from '../../ui/components';
import { duration, readableSeconds, type AppFormValues } from './form-values';
import type { Lifetime } from './rules';
import type { App } from './shared';

const lifetimeHint = (which: Lifetime, extra = '') => {
  const r = OAUTH_TTL[which];
  return `In seconds, from ${r.min} to ${r.max} (${duration(r.max)}). Default ${readableSeconds(r.default)}.${extra}`;
};

const TYPE_OPTIONS = [
  {
    value: 'confidential',
    label: 'Confidential: a web app with a server',
    hint: 'Choose this when the code that talks to the sign-in runs on a server you control (Node, Python, a Worker): it keeps a client secret and sends it with each token request.',
  },
  {
    value: 'public',
    label: 'Public: a single-page, mobile or desktop app',
    hint: 'Choose this when the code runs in the browser or on the person’s device, where anyone can read it: it gets no secret, and PKCE alone proves its requests.',
  },
];

export const AppForm: FC<{
  action: string;
  csrf: string;
  values: AppFormValues;
  errors?: FieldErrors | undefined;
  /** the type for an existing app (shown, not asked); undefined on the registration form */
  fixedType?: App['clientType'];
  submit: string;
  cancel: string;
}> = ({ action, csrf, values: v, errors: e = {}, fixedType, submit, cancel }) => (
  <form method="post" action={action} class="stack" novalidate>
    <CsrfField token={csrf} />
    <TextField
      label="App name"
      name="name"
      value={v.name}
      error={e.name}
      maxlength={128}
      required
      hint="What your administrators call it, such as Billing portal. Up to 128 characters."
    />
    {fixedType ? (
      <p>
        <strong>Client type:</strong> {fixedType === 'confidential' ? 'Confidential (has a secret)' : 'Public (no secret)'}.{' '}
        <span class="hint">An app’s type cannot be changed: register a new app for the other type.</span>
      </p>
    ) : (
      <Radios legend="What kind of app is it?" name="client_type" value={v.clientType} options={TYPE_OPTIONS} error={e.client_type} />
    )}
    <TextArea
      label="Redirect URIs"
      name="redirect_uris"
      value={v.redirectUris}
      error={e.redirect_uris}
      rows={4}
      hint="One per line, exactly as your app sends them (sign-in compares them letter for letter): https://app.example.com/auth/callback. http only on localhost; a native app may use a scheme named after its domain, like com.example.app:/callback. Up to 20."
    />
    <TextArea
      label="Post-logout redirect URIs (optional)"
      name="post_logout_redirect_uris"
      value={v.postLogoutRedirectUris}
      error={e.post_logout_redirect_uris}
      rows={3}
      hint="Where the sign-out page may send people back to after signing out of your app. One per line, same rules."
    />
    <fieldset class="field" id="scope">
      <legend>Scopes the app may ask for</legend>
      <FieldError id="scope" message={e.scope} />
      <div class="check">
        <input type="checkbox" id="scope-openid" checked disabled aria-describedby="scope-openid-hint" />
        <label for="scope-openid">
          openid
          <span class="hint" id="scope-openid-hint">
            Always included: the ID token saying who signed in.
          </span>
        </label>
      </div>
      <Checkbox
        name="scope"
        value="profile"
        checked={v.profile}
        label="profile"
        hint="The user name (preferred_username) in the ID token and from userinfo."
      />
    </fieldset>
    <TextField
      label="Access token lifetime"
      name="access_token_ttl"
      value={v.access}
      error={e.access_token_ttl}
      inputmode="numeric"
      hint={lifetimeHint('accessToken')}
    />
    <TextField
      label="ID token lifetime"
      name="id_token_ttl"
      value={v.id}
      error={e.id_token_ttl}
      inputmode="numeric"
      hint={lifetimeHint('idToken')}
    />
    <TextField
      label="Refresh token lifetime"
      name="refresh_token_ttl"
      value={v.refresh}
      error={e.refresh_token_ttl}
      inputmode="numeric"
      hint={lifetimeHint('refreshToken', ' A refresh token never outlives the sign-in session it came from (12 hours).')}
    />
    <div class="button-row">
      <button type="submit">{submit}</button>
      <a href={cancel}>Cancel</a>
    </div>
  </form>
);

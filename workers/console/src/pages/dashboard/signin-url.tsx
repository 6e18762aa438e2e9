// The dashboard's "Sign-in URL" panel: the address IAM users sign in at (the hosted sign-in with the
// account pre-filled, by alias when there is one), the root user's sign-in, and the form that creates,
// changes or deletes the account alias. AWS allows one alias per account and CreateAccountAlias
// replaces the old one in one step, so "change" is a single call: if it is refused, the old alias stays.
import type { FC } from 'hono/jsx';
import { ActionButton, Copyable, CsrfField, Section, TextField } from '../../ui/components';
import { type Read, Unavailable } from './unavailable';

/** What the alias form shows after a refused post: the value typed and the message beside the field. */
export interface AliasFormState {
  value: string;
  error?: string | undefined;
}

export const ALIAS_FIELD = 'alias';

export const userSigninUrl = (origin: string, accountIdOrAlias: string) => `${origin}/signin/${encodeURIComponent(accountIdOrAlias)}`;
export const rootSigninUrl = (origin: string) => `${origin}/signin?as=root`;

const ALIAS_HINT =
  '3 to 63 characters: lowercase letters, numbers and hyphens, starting and ending with a letter or number, never two hyphens ' +
  'in a row and never 12 digits. No other account may use it. A new alias replaces the old one, and sign-in links with the old ' +
  'alias stop working.';

export const SigninPanel: FC<{
  origin: string;
  accountId: string;
  /** the alias from ListAccountAliases (null: none), or why it could not be read */
  alias: Read<string | null>;
  /** the alias the session knows, for the URL when the caller may not list aliases */
  sessionAlias: string | null;
  form?: AliasFormState | undefined;
  csrf: string;
}> = ({ origin, accountId, alias, sessionAlias, form, csrf }) => {
  const current = alias.ok ? alias.value : sessionAlias;
  const url = userSigninUrl(origin, current ?? accountId);
  return (
    <Section title="Sign-in URL for IAM users in this account" id="signin">
      <p>
        Give this address to the people you create users for. It opens the sign-in page with the account already filled in; they enter their
        user name and password.
      </p>
      <p>
        <Copyable value={url} id="user-signin-url" label="IAM user sign-in URL" />
      </p>
      <p>
        The root user signs in with the account's email address at{' '}
        <Copyable value={rootSigninUrl(origin)} id="root-signin-url" label="root user sign-in URL" />
      </p>
      <h3 id="alias-title">Account alias</h3>
      {alias.ok ? (
        <>
          <p>
            {alias.value ? (
              <>
                The account alias is <strong class="mono">{alias.value}</strong>: it replaces the account ID ({accountId}) in the sign-in
                URL.
              </>
            ) : (
              <>This account has no alias, so the sign-in URL uses the account ID. An alias is easier to remember and share.</>
            )}
          </p>
          <form method="post" action="/console/alias" class="stack" aria-labelledby="alias-title">
            <CsrfField token={csrf} />
            <TextField
              label={alias.value ? 'New account alias' : 'Account alias'}
              name={ALIAS_FIELD}
              value={form?.value ?? ''}
              hint={ALIAS_HINT}
              error={form?.error}
              maxlength={63}
              mono
            />
            <div class="button-row">
              <button type="submit">{alias.value ? 'Change alias' : 'Create alias'}</button>
            </div>
          </form>
          {alias.value ? (
            <div class="alias-delete">
              <p class="muted">Without an alias, the sign-in URL uses the account ID again.</p>
              <ActionButton
                action="/console/alias/delete"
                csrf={csrf}
                label={`Delete alias ${alias.value}`}
                fields={{ alias: alias.value }}
                danger
              />
            </div>
          ) : null}
        </>
      ) : (
        <Unavailable error={alias.error} />
      )}
    </Section>
  );
};

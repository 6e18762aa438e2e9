// The account password policy as the console shows and edits it: AWS's fields (GetAccountPasswordPolicy
// names), the form with a hint explaining each rule, its server-side validation with AWS's ranges, and
// the summary of what is in force. When no policy is set AWS's default applies; the service's own floor
// (core passwords/policy: at least 8 characters, no common passwords) applies on top either way.
import type { FC } from 'hono/jsx';
import { DEFAULT_PASSWORD_POLICY, describePasswordPolicy, effectiveMinimumLength, type PasswordPolicy } from '@edge-iam/core/passwords';
import type { QueryParams } from '../../iam-api';
import { checked, text, type Form } from '../../render';
import { Checkbox, CsrfField, type FieldErrors, SummaryList, TextField } from '../../ui/components';

/** The PasswordPolicy element of GetAccountPasswordPolicy, as JSON. */
export interface ApiPasswordPolicy {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  AllowUsersToChangePassword?: boolean;
  ExpirePasswords?: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

/** The form's values as typed (numbers stay text so a wrong entry is shown back as it was). */
export interface PolicyFormValues {
  MinimumPasswordLength: string;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  RequireNumbers: boolean;
  RequireSymbols: boolean;
  AllowUsersToChangePassword: boolean;
  MaxPasswordAge: string;
  HardExpiry: boolean;
  PasswordReusePrevention: string;
}

type Flag =
  | 'RequireUppercaseCharacters'
  | 'RequireLowercaseCharacters'
  | 'RequireNumbers'
  | 'RequireSymbols'
  | 'AllowUsersToChangePassword'
  | 'HardExpiry';
const FLAGS: readonly Flag[] = [
  'RequireUppercaseCharacters',
  'RequireLowercaseCharacters',
  'RequireNumbers',
  'RequireSymbols',
  'AllowUsersToChangePassword',
  'HardExpiry',
];

/** AWS's ranges (UpdateAccountPasswordPolicy). */
const RANGES = {
  MinimumPasswordLength: [6, 128, 'Minimum password length', 'characters'],
  MaxPasswordAge: [1, 1095, 'Password expiration', 'days'],
  PasswordReusePrevention: [1, 24, 'Password reuse prevention', 'passwords'],
} as const;

/** The service never accepts shorter passwords, whatever a policy says. */
const SERVICE_FLOOR = effectiveMinimumLength({ ...DEFAULT_PASSWORD_POLICY, minimumPasswordLength: 0 });
/** AWS's symbol set for RequireSymbols (core passwords/policy enforces the same). */
const SYMBOLS = "! @ # $ % ^ & * ( ) _ + - = [ ] { } | '";

/** The API's policy in core's terms, for describePasswordPolicy; null = no policy (AWS's default). */
export function toCorePolicy(p: ApiPasswordPolicy | null): PasswordPolicy {
  if (!p) return DEFAULT_PASSWORD_POLICY;
  return {
    minimumPasswordLength: p.MinimumPasswordLength ?? DEFAULT_PASSWORD_POLICY.minimumPasswordLength,
    requireSymbols: p.RequireSymbols ?? false,
    requireNumbers: p.RequireNumbers ?? false,
    requireUppercaseCharacters: p.RequireUppercaseCharacters ?? false,
    requireLowercaseCharacters: p.RequireLowercaseCharacters ?? false,
    allowUsersToChangePassword: p.AllowUsersToChangePassword ?? false,
    maxPasswordAge: p.MaxPasswordAge ?? null,
    passwordReusePrevention: p.PasswordReusePrevention ?? null,
    hardExpiry: p.HardExpiry ?? false,
    isDefault: false,
  };
}

/** The form pre-filled from the policy in force, or from AWS's default when there is none. */
export function formValuesOf(p: ApiPasswordPolicy | null): PolicyFormValues {
  const core = toCorePolicy(p);
  return {
    MinimumPasswordLength: String(core.minimumPasswordLength),
    RequireUppercaseCharacters: core.requireUppercaseCharacters,
    RequireLowercaseCharacters: core.requireLowercaseCharacters,
    RequireNumbers: core.requireNumbers,
    RequireSymbols: core.requireSymbols,
    AllowUsersToChangePassword: core.allowUsersToChangePassword,
    MaxPasswordAge: core.maxPasswordAge === null ? '' : String(core.maxPasswordAge),
    HardExpiry: core.hardExpiry,
    PasswordReusePrevention: core.passwordReusePrevention === null ? '' : String(core.passwordReusePrevention),
  };
}

export function readPolicyForm(form: Form): PolicyFormValues {
  const flags = Object.fromEntries(FLAGS.map((f) => [f, checked(form, f)])) as Record<Flag, boolean>;
  return {
    ...flags,
    MinimumPasswordLength: text(form, 'MinimumPasswordLength', 20),
    MaxPasswordAge: text(form, 'MaxPasswordAge', 20),
    PasswordReusePrevention: text(form, 'PasswordReusePrevention', 20),
  };
}

/**
 * The UpdateAccountPasswordPolicy parameters, or the field errors that stop the call. Every field is
 * sent (an update replaces the whole policy); an empty expiry or reuse field means "no such rule".
 */
export function validatePolicy(v: PolicyFormValues): { ok: true; params: QueryParams } | { ok: false; errors: FieldErrors } {
  const errors: Record<string, string> = {};
  const numbers: Record<string, number | undefined> = {};
  for (const [field, [min, max, label, unit]] of Object.entries(RANGES)) {
    const raw = v[field as keyof typeof RANGES];
    if (raw === '') {
      if (field === 'MinimumPasswordLength') errors[field] = `Enter a minimum password length from ${min} to ${max} characters`;
      continue;
    }
    const n = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n)) errors[field] = `${label} must be a whole number of ${unit}`;
    else if (n < min || n > max) errors[field] = `${label} must be from ${min} to ${max} ${unit}`;
    else numbers[field] = n;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const params: QueryParams = { MinimumPasswordLength: numbers.MinimumPasswordLength };
  for (const f of FLAGS) params[f] = v[f];
  params.MaxPasswordAge = numbers.MaxPasswordAge;
  params.PasswordReusePrevention = numbers.PasswordReusePrevention;
  return { ok: true, params };
}

export const PolicyForm: FC<{ values: PolicyFormValues; errors?: FieldErrors; csrf: string; isDefault: boolean }> = ({
  values,
  errors,
  csrf,
  isDefault,
}) => (
  <form method="post" action="/console/account-settings/password-policy" class="stack" aria-labelledby="edit-policy-title">
    <CsrfField token={csrf} />
    {isDefault ? (
      <p class="warning">
        The form starts from AWS's default length. Once you save a policy, only the character types you tick are required: the default's
        "three of four character types" rule no longer applies.
      </p>
    ) : null}
    <TextField
      label="Minimum password length"
      name="MinimumPasswordLength"
      type="text"
      inputmode="numeric"
      value={values.MinimumPasswordLength}
      error={errors?.MinimumPasswordLength}
      hint={`From 6 to 128 characters. Whatever you choose, this service never accepts a password shorter than ${SERVICE_FLOOR} characters or one of the most commonly used passwords.`}
    />
    <fieldset class="field">
      <legend>Character types every password must contain</legend>
      <Checkbox
        name="RequireUppercaseCharacters"
        label="At least one uppercase letter"
        hint="From the Latin alphabet: A to Z."
        checked={values.RequireUppercaseCharacters}
      />
      <Checkbox
        name="RequireLowercaseCharacters"
        label="At least one lowercase letter"
        hint="From the Latin alphabet: a to z."
        checked={values.RequireLowercaseCharacters}
      />
      <Checkbox name="RequireNumbers" label="At least one number" hint="0 to 9." checked={values.RequireNumbers} />
      <Checkbox name="RequireSymbols" label="At least one symbol" hint={`One of these: ${SYMBOLS}`} checked={values.RequireSymbols} />
    </fieldset>
    <TextField
      label="Password expiration (days)"
      name="MaxPasswordAge"
      type="text"
      inputmode="numeric"
      value={values.MaxPasswordAge}
      error={errors?.MaxPasswordAge}
      hint="From 1 to 1095 days after a password was set, it expires and must be changed at the next sign-in. Leave empty so passwords never expire."
    />
    <Checkbox
      name="HardExpiry"
      label="Require an administrator to reset expired passwords"
      hint="Users whose password has expired cannot choose a new one themselves when they sign in; an administrator must set it. Has no effect unless passwords expire."
      checked={values.HardExpiry}
    />
    <TextField
      label="Password reuse prevention (previous passwords)"
      name="PasswordReusePrevention"
      type="text"
      inputmode="numeric"
      value={values.PasswordReusePrevention}
      error={errors?.PasswordReusePrevention}
      hint="From 1 to 24: a new password may not be any of that many previous ones. Leave empty to allow reuse (a new password must still differ from the current one)."
    />
    <Checkbox
      name="AllowUsersToChangePassword"
      label="Allow users to change their own password"
      hint="IAM users may change their password on My security credentials even when no policy of theirs allows iam:ChangePassword (a policy that explicitly denies it still wins)."
      checked={values.AllowUsersToChangePassword}
    />
    <div class="button-row">
      <button type="submit">Save password policy</button>
    </div>
  </form>
);

const yesNo = (b: boolean) => (b ? 'Required' : 'Not required');

/** The policy in force as a summary list, and the rules as people choosing a password read them. */
export const PolicySummary: FC<{ policy: ApiPasswordPolicy | null }> = ({ policy }) => {
  const core = toCorePolicy(policy);
  const rules = (
    <>
      <h3>What people choosing a password are told</h3>
      <ul class="policy-rules">
        {describePasswordPolicy(core).map((rule) => (
          <li>{rule}</li>
        ))}
      </ul>
    </>
  );
  if (!policy) {
    return (
      <>
        <p>
          This account has no password policy, so AWS's default applies: at least {core.minimumPasswordLength} characters with at least
          three of uppercase letters, lowercase letters, numbers and symbols. Passwords never expire, may be reused, and users can change
          their own password only if a policy allows iam:ChangePassword.
        </p>
        {rules}
      </>
    );
  }
  return (
    <>
      <SummaryList
        rows={[
          ['Minimum password length', `${core.minimumPasswordLength} characters`],
          ['Uppercase letter (A-Z)', yesNo(core.requireUppercaseCharacters)],
          ['Lowercase letter (a-z)', yesNo(core.requireLowercaseCharacters)],
          ['Number (0-9)', yesNo(core.requireNumbers)],
          ['Symbol', yesNo(core.requireSymbols)],
          ['Password expiration', core.maxPasswordAge === null ? 'Passwords never expire' : `After ${core.maxPasswordAge} days`],
          ['Expired passwords', core.hardExpiry ? 'Only an administrator can reset them' : 'Users choose a new one at sign-in'],
          [
            'Password reuse',
            core.passwordReusePrevention === null ? 'Allowed' : `Not one of the last ${core.passwordReusePrevention} passwords`,
          ],
          ['Users may change their own password', core.allowUsersToChangePassword ? 'Yes' : 'No'],
        ]}
      />
      {rules}
    </>
  );
};

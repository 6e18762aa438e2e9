// Password rules: the account password policy, the common-password blocklist, the breached-password
// check (a range API, when configured), generated passwords.
export { commonPasswordCore, isCommonPassword } from './blocklist';
export {
  BREACHED_PASSWORDS_SETTING,
  breachedPasswordsConfig,
  breachedPasswordViolation,
  checkBreachedPassword,
  HIBP_RANGE_API,
  type BreachedCheck,
  type BreachedPasswordsConfig,
} from './breached';
export { generatePassword } from './generator';
export {
  checkPasswordAgainstPolicy,
  DEFAULT_PASSWORD_POLICY,
  describePasswordPolicy,
  effectiveMinimumLength,
  findReusedPassword,
  isPasswordExpired,
  type PasswordPolicy,
  type PasswordViolation,
  reuseDepth,
  reuseViolation,
  violationsMessage,
} from './policy';

// Password rules: the account password policy, the common-password blocklist, generated passwords.
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

// The account password policy as rules over a candidate password: pure, so the sign-in worker (forced
// change, self-service change) and the identity worker (CreateLoginProfile, ChangePassword) refuse the
// same passwords with the same words. Every broken rule is reported, not just the first, so a person
// fixes everything in one go. On top of the account's policy the service keeps a floor of its own
// (NIST SP 800-63B): at least 8 characters, and nothing built on a commonly used password or word
// (blocklist.ts). A breached-password service, where configured, is asked apart (breached.ts): it is I/O.
import { isCommonPassword } from './blocklist';
import { verifyPassword } from '../crypto/password-hash';

/** AWS's symbol set for RequireSymbols: ! @ # $ % ^ & * ( ) _ + - = [ ] { } | ' */
export const AWS_PASSWORD_SYMBOLS = "!@#$%^&*()_+-=[]{}|'";
export const SERVICE_MINIMUM_LENGTH = 8;
/** AWS's limit on console passwords. */
export const MAXIMUM_PASSWORD_LENGTH = 128;

/** The policy as AWS's GetAccountPasswordPolicy names its fields. */
export interface PasswordPolicy {
  minimumPasswordLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  allowUsersToChangePassword: boolean;
  /** days; null = passwords never expire */
  maxPasswordAge: number | null;
  /** how many previous passwords may not be reused; null = no rule */
  passwordReusePrevention: number | null;
  hardExpiry: boolean;
  /** true when the account set no policy and AWS's default applies (three of four character types) */
  isDefault: boolean;
}

/** AWS's default policy for accounts without one: 8 characters, three of the four character types. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minimumPasswordLength: 8,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercaseCharacters: false,
  requireLowercaseCharacters: false,
  allowUsersToChangePassword: false,
  maxPasswordAge: null,
  passwordReusePrevention: null,
  hardExpiry: false,
  isDefault: true,
};

export type PasswordRule =
  | 'MinimumPasswordLength'
  | 'MaximumPasswordLength'
  | 'RequireSymbols'
  | 'RequireNumbers'
  | 'RequireUppercaseCharacters'
  | 'RequireLowercaseCharacters'
  | 'CharacterTypes'
  | 'CommonPassword'
  | 'BreachedPassword'
  | 'PasswordReusePrevention';

export interface PasswordViolation {
  rule: PasswordRule;
  message: string;
}

const SYMBOLS = new Set(AWS_PASSWORD_SYMBOLS);
const isUpper = (ch: string) => ch >= 'A' && ch <= 'Z';
const isLower = (ch: string) => ch >= 'a' && ch <= 'z';
const isDigit = (ch: string) => ch >= '0' && ch <= '9';

/** The minimum length actually enforced: the account's, never below the service floor. */
export const effectiveMinimumLength = (p: PasswordPolicy) => Math.max(p.minimumPasswordLength, SERVICE_MINIMUM_LENGTH);

/**
 * Every rule of `policy` (and of the service floor) that `password` breaks, in a stable order; empty
 * when it may be used. Reuse is checked apart (findReusedPassword), because it needs stored hashes.
 */
export function checkPasswordAgainstPolicy(password: string, policy: PasswordPolicy): PasswordViolation[] {
  const out: PasswordViolation[] = [];
  const chars = [...password]; // code points: a person counts characters, not UTF-16 units
  const min = effectiveMinimumLength(policy);
  if (chars.length < min) out.push({ rule: 'MinimumPasswordLength', message: `must be at least ${min} characters long` });
  if (chars.length > MAXIMUM_PASSWORD_LENGTH) {
    out.push({ rule: 'MaximumPasswordLength', message: `must be at most ${MAXIMUM_PASSWORD_LENGTH} characters long` });
  }
  const has = {
    upper: chars.some(isUpper),
    lower: chars.some(isLower),
    digit: chars.some(isDigit),
    symbol: chars.some((ch) => SYMBOLS.has(ch)),
  };
  if (policy.requireUppercaseCharacters && !has.upper) {
    out.push({ rule: 'RequireUppercaseCharacters', message: 'must contain at least one uppercase letter (A-Z)' });
  }
  if (policy.requireLowercaseCharacters && !has.lower) {
    out.push({ rule: 'RequireLowercaseCharacters', message: 'must contain at least one lowercase letter (a-z)' });
  }
  if (policy.requireNumbers && !has.digit) out.push({ rule: 'RequireNumbers', message: 'must contain at least one number (0-9)' });
  if (policy.requireSymbols && !has.symbol) {
    out.push({
      rule: 'RequireSymbols',
      message: `must contain at least one of these symbols: ${AWS_PASSWORD_SYMBOLS.split('').join(' ')}`,
    });
  }
  if (policy.isDefault && Object.values(has).filter(Boolean).length < 3) {
    out.push({
      rule: 'CharacterTypes',
      message: 'must contain at least three of: uppercase letters, lowercase letters, numbers, symbols',
    });
  }
  if (isCommonPassword(password)) {
    // Never names the word it found: error messages reach logs, and the word is part of the password.
    out.push({
      rule: 'CommonPassword',
      message:
        'is built on a commonly used password or word (capitals, look-alike characters such as @ for a or 0 for o, and digits, symbols or a year added do not change that); choose another',
    });
  }
  return out;
}

/** The rules as a person reads them before choosing a password (the change-password page lists them). */
export function describePasswordPolicy(policy: PasswordPolicy): string[] {
  const out = [`At least ${effectiveMinimumLength(policy)} characters`];
  if (policy.requireUppercaseCharacters) out.push('At least one uppercase letter (A-Z)');
  if (policy.requireLowercaseCharacters) out.push('At least one lowercase letter (a-z)');
  if (policy.requireNumbers) out.push('At least one number (0-9)');
  if (policy.requireSymbols) out.push(`At least one symbol: ${AWS_PASSWORD_SYMBOLS.split('').join(' ')}`);
  if (policy.isDefault) out.push('Three of: uppercase letters, lowercase letters, numbers, symbols');
  if (policy.passwordReusePrevention) out.push(`Not one of your last ${policy.passwordReusePrevention} passwords`);
  out.push('Not built on a commonly used password or word, even with capitals, look-alikes (@ for a) or digits added');
  return out;
}

/** When a password changed at `changedAt` expires under the policy; null when it never does. */
export function passwordExpiresAt(policy: PasswordPolicy, changedAt: Date): Date | null {
  if (!policy.maxPasswordAge) return null;
  return new Date(changedAt.getTime() + policy.maxPasswordAge * 86_400_000);
}

export function isPasswordExpired(policy: PasswordPolicy, changedAt: Date, now: Date): boolean {
  const at = passwordExpiresAt(policy, changedAt);
  return at !== null && now.getTime() >= at.getTime();
}

/**
 * How many stored hashes a new password is compared with: the current one always (a forced reset that
 * keeps the temporary password defeats its purpose), plus PasswordReusePrevention - 1 earlier ones.
 */
export const reuseDepth = (policy: PasswordPolicy) => Math.max(1, policy.passwordReusePrevention ?? 1);

/**
 * True when `password` matches one of `hashes` (newest first; pass at most reuseDepth of them). The
 * checks run one after another and stop at the first match: each is a full PBKDF2 derivation.
 */
export async function findReusedPassword(pepper: CryptoKey, password: string, hashes: readonly string[]): Promise<boolean> {
  for (const hash of hashes) {
    if ((await verifyPassword(pepper, password, hash)).ok) return true;
  }
  return false;
}

export function reuseViolation(policy: PasswordPolicy): PasswordViolation {
  const n = policy.passwordReusePrevention ?? 1;
  return {
    rule: 'PasswordReusePrevention',
    message: n > 1 ? `must not be one of your last ${n} passwords` : 'must differ from your current password',
  };
}

/** One sentence naming every broken rule, for APIs that answer with a single message. */
export const violationsMessage = (v: readonly PasswordViolation[]) =>
  `the new password does not meet the account's password policy: it ${v.map((x) => x.message).join('; it ')}`;

// Every sentence the sign-in flow says about an outcome, in one table, so the API and the hosted pages
// word things the same way and a reviewer can check at a glance that no message tells an unknown user
// from a wrong password.
export const SIGNIN_MESSAGES = {
  badCredentials: (kind: 'user' | 'root') =>
    kind === 'user'
      ? 'The account, user name or password you entered is incorrect.'
      : 'The email address or password you entered is incorrect.',
  lockedOut: (minutes: number) =>
    `Too many failed attempts. Sign-in is locked for ${minutes} minute${minutes === 1 ? '' : 's'}; try again later.`,
  hardExpiry: 'Your password has expired, and your account requires an administrator to reset it. Contact your administrator.',
  passwordResetRequired: 'You must choose a new password before you can sign in: send it as newPassword.',
  passwordExpired: 'Your password has expired: choose a new one (send it as newPassword).',
  mfaRequired: 'Enter the 6-digit code from your authenticator app (send it as mfaCode).',
  badMfaCode: 'The code is incorrect or has already been used. Wait for the next code and try again.',
  mayNotChangePassword: 'You must choose a new password, but your account does not allow you to change it. Contact your administrator.',
  passwordsDiffer: 'The two new passwords do not match.',
  sessionExpired: 'Your sign-in session has ended. Sign in again.',
} as const;

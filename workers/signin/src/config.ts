// The sign-in worker's fixed settings: how long sessions live, what the cookies are called, and how
// much guessing is tolerated before a lockout. Kept together so the README and the tests can cite them.
import type { AttemptLimit } from '@edge-iam/core/repo';

/** A half-finished sign-in (MFA or forced password change pending) must be finished quickly. */
export const PENDING_SESSION_TTL_MS = 10 * 60_000;
/** A finished sign-in keeps the hosted pages open this long (AWS's console session length). */
export const SESSION_TTL_MS = 12 * 3600_000;

/** Cookie names without their `__Host-` prefix (hono/cookie adds it: Secure, Path=/, no Domain). */
export { CSRF_FIELD, SESSION_COOKIE } from '@edge-iam/core/web';
/**
 * The account (id or alias, never a secret) of this browser's last IAM-user sign-in, so the form comes back
 * filled in after sign-out, as AWS's console does. Kept a year; cleared by signing in to another account.
 */
export const LAST_ACCOUNT_COOKIE = 'edge-iam-last-account';
export const LAST_ACCOUNT_MAX_AGE_S = 365 * 86_400;
/** Which pending MFA device (serial and creation time) this browser was shown; see pendingVirtualMfaDevice. */
export const MFA_PENDING_COOKIE = 'edge-iam-mfa-pending';

const MINUTE = 60_000;
/** Password guesses at one user name (existing or not). */
export const PRINCIPAL_LIMIT: AttemptLimit = { threshold: 5, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE };
/** Guesses from one client address, across all names (password spraying). */
export const CLIENT_LIMIT: AttemptLimit = { threshold: 30, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE };
/** Wrong MFA codes for one device: 5 tries of a 1-in-a-million code space is a ~0.0005% chance. */
export const MFA_LIMIT: AttemptLimit = { threshold: 5, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE };

/**
 * Longest accepted inputs; anything longer is refused before any work is done. `redirect` is where a
 * sign-in returns to, which may be the authorization endpoint carrying an app's whole request.
 */
export const MAX = { account: 63, userName: 64, email: 256, password: 512, code: 16, redirect: 8192 } as const;

/** The issuer name authenticator apps show next to the code. */
export const TOTP_ISSUER = 'edge-iam';

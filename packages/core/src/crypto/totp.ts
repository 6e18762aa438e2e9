// Virtual MFA (TOTP, RFC 6238 as authenticator apps implement it: SHA-1, 6 digits, 30-second steps)
// through the otpauth library. Verification returns the matched time step rather than a boolean so
// the caller can make each step usable once (mfa_devices.last_used_step): a code seen on the wire or
// over a shoulder cannot be replayed within its validity window.
import { HOTP, Secret, TOTP } from 'otpauth';
import { timingSafeEqual } from './constant-time';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** One step either side of now: clocks on phones drift, and people type slowly. */
export const TOTP_WINDOW = 1;

/** A new seed: 160 random bits (RFC 4226's recommended length), base32 as apps expect it. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI that authenticator apps scan from the QR code. */
export function totpUri(opts: { secret: string; issuer: string; label: string }): string {
  return new TOTP({
    issuer: opts.issuer,
    label: opts.label,
    secret: Secret.fromBase32(opts.secret),
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    algorithm: 'SHA1',
  }).toString();
}

export const totpStep = (now: Date) => Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/** The code for a given step (tests and enrollment checks). */
export function totpCodeAt(secret: string, step: number): string {
  return HOTP.generate({ secret: Secret.fromBase32(secret), counter: step, digits: TOTP_DIGITS, algorithm: 'SHA1' });
}

export const isTotpCodeShape = (code: string) => /^\d{6}$/.test(code);

export interface TotpVerifyOptions {
  now: Date;
  /** steps at or below this are refused (already used) */
  lastUsedStep?: number | null;
  window?: number;
}

/**
 * The time step `code` is valid for, within the window around now and above lastUsedStep; null when
 * none. Every candidate step is compared (constant time per comparison, no early exit on the first
 * miss), so timing says nothing about which step matched.
 */
export function verifyTotp(secret: string, code: string, opts: TotpVerifyOptions): number | null {
  if (!isTotpCodeShape(code)) return null;
  const key = Secret.fromBase32(secret);
  const current = totpStep(opts.now);
  const window = opts.window ?? TOTP_WINDOW;
  let matched: number | null = null;
  for (let step = current - window; step <= current + window; step++) {
    const expected = HOTP.generate({ secret: key, counter: step, digits: TOTP_DIGITS, algorithm: 'SHA1' });
    const fresh = opts.lastUsedStep == null || step > opts.lastUsedStep;
    if (timingSafeEqual(expected, code) && fresh && matched === null) matched = step;
  }
  return matched;
}

/**
 * EnableMFADevice's proof of possession: two codes for consecutive steps, the later one within the
 * window around now. Returns the later step (to record as used); null when they do not fit.
 */
export function verifyConsecutiveTotp(secret: string, code1: string, code2: string, now: Date, window = TOTP_WINDOW): number | null {
  if (!isTotpCodeShape(code1) || !isTotpCodeShape(code2)) return null;
  const current = totpStep(now);
  let matched: number | null = null;
  for (let second = current - window; second <= current + window; second++) {
    const first = timingSafeEqual(totpCodeAt(secret, second - 1), code1);
    const later = timingSafeEqual(totpCodeAt(secret, second), code2);
    if (first && later && matched === null) matched = second;
  }
  return matched;
}

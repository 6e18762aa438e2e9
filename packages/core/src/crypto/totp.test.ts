import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { generateTotpSecret, totpCodeAt, totpStep, totpUri, verifyConsecutiveTotp, verifyTotp } from './totp';

const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const now = new Date('2026-03-01T12:00:10Z');
const step = totpStep(now);

describe('TOTP', () => {
  it('matches RFC 6238 as authenticator apps compute it', () => {
    const app = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    expect(totpCodeAt(secret, step)).toBe(app.generate({ timestamp: now.getTime() }));
  });

  it('returns the matched step, allowing one step of drift either way and no more', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, step), { now })).toBe(step);
    expect(verifyTotp(secret, totpCodeAt(secret, step - 1), { now })).toBe(step - 1);
    expect(verifyTotp(secret, totpCodeAt(secret, step + 1), { now })).toBe(step + 1);
    expect(verifyTotp(secret, totpCodeAt(secret, step - 2), { now })).toBeNull();
    expect(verifyTotp(secret, totpCodeAt(secret, step + 2), { now })).toBeNull();
  });

  it('refuses steps at or below the last used one', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, step), { now, lastUsedStep: step })).toBeNull();
    expect(verifyTotp(secret, totpCodeAt(secret, step - 1), { now, lastUsedStep: step - 1 })).toBeNull();
    expect(verifyTotp(secret, totpCodeAt(secret, step + 1), { now, lastUsedStep: step })).toBe(step + 1);
  });

  it('refuses malformed codes', () => {
    for (const code of ['', '12345', '1234567', 'abcdef', ' 123456']) expect(verifyTotp(secret, code, { now })).toBeNull();
  });

  it('checks enrollment codes are consecutive and current', () => {
    expect(verifyConsecutiveTotp(secret, totpCodeAt(secret, step - 1), totpCodeAt(secret, step), now)).toBe(step);
    expect(verifyConsecutiveTotp(secret, totpCodeAt(secret, step), totpCodeAt(secret, step), now)).toBeNull();
    expect(verifyConsecutiveTotp(secret, totpCodeAt(secret, step - 5), totpCodeAt(secret, step - 4), now)).toBeNull();
  });

  it('makes 160-bit secrets and otpauth URIs apps can scan', () => {
    const s = generateTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    const uri = totpUri({ secret: s, issuer: 'edge-iam', label: 'acme:tom' });
    expect(uri).toMatch(/^otpauth:\/\/totp\/edge-iam:acme%3Atom\?/);
    expect(uri).toContain(`secret=${s}`);
  });
});

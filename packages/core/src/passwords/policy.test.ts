import { describe, expect, it } from 'vitest';
import {
  checkPasswordAgainstPolicy,
  DEFAULT_PASSWORD_POLICY,
  describePasswordPolicy,
  findReusedPassword,
  isPasswordExpired,
  passwordExpiresAt,
  reuseDepth,
  type PasswordPolicy,
} from './policy';
import { hashPassword } from '../crypto/password-hash';
import { generatePassword } from './generator';

const strict: PasswordPolicy = {
  ...DEFAULT_PASSWORD_POLICY,
  isDefault: false,
  minimumPasswordLength: 12,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
};
const rules = (pw: string, p: PasswordPolicy) => checkPasswordAgainstPolicy(pw, p).map((v) => v.rule);

describe('checkPasswordAgainstPolicy', () => {
  it('reports every rule broken, in a stable order, with a message each', () => {
    const v = checkPasswordAgainstPolicy('abc', strict);
    expect(v.map((x) => x.rule)).toEqual(['MinimumPasswordLength', 'RequireUppercaseCharacters', 'RequireNumbers', 'RequireSymbols']);
    expect(v[0]!.message).toBe('must be at least 12 characters long');
    expect(rules('Harbor-Lamp-7', strict)).toEqual([]);
  });

  it("uses AWS's symbol set: other punctuation does not count as a symbol", () => {
    expect(rules('Harborlamp7.', strict)).toEqual(['RequireSymbols']);
    expect(rules('Harborlamp7~', strict)).toEqual(['RequireSymbols']);
    for (const s of "!@#$%^&*()_+-=[]{}|'") expect(rules(`Harbor${s}lamp7`, strict)).toEqual([]);
  });

  it('keeps a service floor of 8 characters whatever the account says', () => {
    expect(rules('Ab1!xyz', { ...strict, minimumPasswordLength: 6 })).toEqual(['MinimumPasswordLength']);
    expect(rules('Ab1!xyzw', { ...strict, minimumPasswordLength: 6 })).toEqual([]);
  });

  it('counts characters, not UTF-16 units, and caps length at 128', () => {
    expect(rules('😀😀😀😀😀😀😀A1!', strict)).toEqual(['MinimumPasswordLength', 'RequireLowercaseCharacters']);
    expect(rules(`Aa1!${'x'.repeat(125)}`, strict)).toEqual(['MaximumPasswordLength']);
  });

  it('refuses common passwords regardless of policy (NIST SP 800-63B)', () => {
    expect(rules('Password123', { ...DEFAULT_PASSWORD_POLICY, isDefault: false })).toEqual(['CommonPassword']);
    expect(rules('qwertyuiop', { ...DEFAULT_PASSWORD_POLICY, isDefault: false })).toEqual(['CommonPassword']);
  });

  it('refuses dressed-up common passwords under a 12-character, four-class policy and accepts random ones', () => {
    for (const pw of ['Password123!', 'Qwerty123456!', 'Summer2026!!']) expect(rules(pw, strict), pw).toEqual(['CommonPassword']);
    // Random passwords of exactly that policy's shape: none may be refused as common.
    for (let i = 0; i < 500; i++) {
      const pw = generatePassword(12, 12);
      expect(rules(pw, strict), pw).toEqual([]);
    }
  });

  it('never repeats the word it found in the message (messages reach logs)', () => {
    const [v] = checkPasswordAgainstPolicy('Sunshine2026!', strict);
    expect(v!.rule).toBe('CommonPassword');
    expect(v!.message.toLowerCase()).not.toContain('sunshine');
  });

  it("applies AWS's default (three of four character types) when the account has no policy", () => {
    expect(rules('alllowercase', DEFAULT_PASSWORD_POLICY)).toEqual(['CharacterTypes']);
    expect(rules('lowerUPPER12', DEFAULT_PASSWORD_POLICY)).toEqual([]);
  });

  it('describes the policy for the change-password page', () => {
    expect(describePasswordPolicy({ ...strict, passwordReusePrevention: 5 })).toContain('Not one of your last 5 passwords');
  });
});

describe('expiry', () => {
  it('expires MaxPasswordAge days after the last change; never without a max age', () => {
    const changed = new Date('2026-01-01T00:00:00Z');
    const p = { ...strict, maxPasswordAge: 30 };
    expect(passwordExpiresAt(p, changed)).toEqual(new Date('2026-01-31T00:00:00Z'));
    expect(isPasswordExpired(p, changed, new Date('2026-01-30T23:59:59Z'))).toBe(false);
    expect(isPasswordExpired(p, changed, new Date('2026-01-31T00:00:00Z'))).toBe(true);
    expect(isPasswordExpired(strict, changed, new Date('2099-01-01'))).toBe(false);
  });
});

describe('reuse', () => {
  it('finds a match among remembered hashes; the current password always counts', async () => {
    const pepper = await crypto.subtle.importKey('raw', new Uint8Array(32), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const hashes = [await hashPassword(pepper, 'Newest-1', 1000), await hashPassword(pepper, 'Older-2', 1000)];
    expect(await findReusedPassword(pepper, 'Older-2', hashes)).toBe(true);
    expect(await findReusedPassword(pepper, 'Never-Used-3', hashes)).toBe(false);
    expect(reuseDepth(strict)).toBe(1);
    expect(reuseDepth({ ...strict, passwordReusePrevention: 24 })).toBe(24);
  });
});

import { describe, expect, it } from 'vitest';
import { isAccountId, newAccountId, newId, newOpaqueToken, newSecretAccessKey } from './ids';

describe('AWS-shaped identifiers', () => {
  it.each([
    ['user', /^AIDA[A-Z2-7]{17}$/],
    ['group', /^AGPA[A-Z2-7]{17}$/],
    ['role', /^AROA[A-Z2-7]{17}$/],
    ['policy', /^ANPA[A-Z2-7]{17}$/],
    ['accessKey', /^AKIA[A-Z2-7]{16}$/],
    ['temporaryAccessKey', /^ASIA[A-Z2-7]{16}$/],
  ] as const)('%s ids look like AWS ids', (kind, shape) => {
    expect(newId(kind)).toMatch(shape);
  });

  it('secret access keys are 40 characters of base64 alphabet', () => {
    expect(newSecretAccessKey()).toMatch(/^[A-Za-z0-9+/]{40}$/);
  });

  it('guessable ids: 1,000 draws never collide', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId('accessKey')));
    expect(ids.size).toBe(1000);
    const tokens = new Set(Array.from({ length: 1000 }, () => newOpaqueToken()));
    expect(tokens.size).toBe(1000);
  });

  it('account ids are 12 digits', () => {
    const id = newAccountId();
    expect(isAccountId(id)).toBe(true);
    expect(isAccountId('12345678901')).toBe(false);
    expect(isAccountId('12345678901a')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, generateKeyMaterial, loadServiceKeys, requireServiceKeys } from './keys';

const good = generateKeyMaterial();

describe('service keys from the environment', () => {
  it('loads a well-formed master key and pepper', async () => {
    const keys = await loadServiceKeys({ MASTER_KEY: good, PEPPER: generateKeyMaterial() });
    expect(keys.masterKey.algorithm.name).toBe('AES-GCM');
    expect(keys.pepper.algorithm.name).toBe('HMAC');
  });

  it('weak default: a missing key stops with a message saying how to set it', () => {
    expect(() => loadServiceKeys({ PEPPER: good })).toThrow(ConfigError);
    expect(() => loadServiceKeys({ PEPPER: good })).toThrow(/MASTER_KEY is not set: set it with `wrangler secret put MASTER_KEY`/);
    expect(() => loadServiceKeys({ MASTER_KEY: good, PEPPER: '' })).toThrow(/PEPPER is not set/);
  });

  it('weak key: malformed or short keys are refused, never padded', () => {
    expect(() => loadServiceKeys({ MASTER_KEY: 'not base64!!', PEPPER: good })).toThrow(/MASTER_KEY is not valid base64/);
    expect(() => loadServiceKeys({ MASTER_KEY: btoa('short'), PEPPER: good })).toThrow(/exactly 32 bytes, got 5/);
  });

  it('maps a misconfiguration to ServiceUnavailable for the HTTP layers', async () => {
    await expect(requireServiceKeys({ PEPPER: good })).rejects.toMatchObject({ code: 'ServiceUnavailable', status: 503 });
  });

  it('generates 32 random bytes of key material', () => {
    const a = generateKeyMaterial();
    expect(atob(a)).toHaveLength(32);
    expect(a).not.toBe(generateKeyMaterial());
  });
});

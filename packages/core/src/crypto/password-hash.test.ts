import { describe, expect, it } from 'vitest';
import { burnPasswordCheck, hashPassword, PBKDF2_ITERATIONS, verifyPassword } from './password-hash';

const pepperKey = (byte: number) =>
  crypto.subtle.importKey('raw', new Uint8Array(32).fill(byte), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);

describe('password hashing', () => {
  it('pins PBKDF2 at the Workers production cap of 100,000 iterations', async () => {
    // Workers throw above 100,000 iterations in production even where local workerd allows more.
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    const stored = await hashPassword(await pepperKey(1), 'correct horse battery staple');
    expect(stored.split('$')[1]).toBe('100000');
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const pepper = await pepperKey(1);
    const stored = await hashPassword(pepper, 'correct horse battery staple');
    expect((await verifyPassword(pepper, 'correct horse battery staple', stored)).ok).toBe(true);
    expect((await verifyPassword(pepper, 'correct horse battery stapl', stored)).ok).toBe(false);
  });

  it('stolen database alone: a hash does not verify without the pepper', async () => {
    const stored = await hashPassword(await pepperKey(1), 'hunter2hunter2');
    expect((await verifyPassword(await pepperKey(2), 'hunter2hunter2', stored)).ok).toBe(false);
  });

  it('salts every hash, so equal passwords do not produce equal hashes', async () => {
    const pepper = await pepperKey(1);
    expect(await hashPassword(pepper, 'same password')).not.toBe(await hashPassword(pepper, 'same password'));
  });

  it('work-factor tampering: refuses stored hashes claiming more iterations than the cap, or a foreign scheme', async () => {
    const pepper = await pepperKey(1);
    const stored = await hashPassword(pepper, 'pw-123456');
    const [, , salt, hash] = stored.split('$');
    expect((await verifyPassword(pepper, 'pw-123456', `pbkdf2-sha256$100001$${salt}$${hash}`)).ok).toBe(false);
    expect((await verifyPassword(pepper, 'pw-123456', `md5$1$${salt}$${hash}`)).ok).toBe(false);
    expect((await verifyPassword(pepper, 'pw-123456', 'garbage')).ok).toBe(false);
  });

  it('reports a rehash when an old hash used fewer iterations', async () => {
    const pepper = await pepperKey(1);
    const old = await hashPassword(pepper, 'pw-123456', 1000);
    expect(await verifyPassword(pepper, 'pw-123456', old)).toEqual({ ok: true, needsRehash: true });
  });

  it('user enumeration by timing: an unknown user costs a full hash too', async () => {
    const pepper = await pepperKey(1);
    await expect(burnPasswordCheck(pepper, 'whatever')).resolves.toBeUndefined();
  });
});

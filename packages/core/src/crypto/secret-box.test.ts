import { describe, expect, it } from 'vitest';
import { open, seal } from './secret-box';

const aesKey = (byte: number) => crypto.subtle.importKey('raw', new Uint8Array(32).fill(byte), 'AES-GCM', false, ['encrypt', 'decrypt']);

describe('secret box (AES-GCM at rest)', () => {
  it('round-trips a secret and never stores it in the clear', async () => {
    const key = await aesKey(7);
    const box = await seal(key, 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'access-key:AKIA1');
    expect(box).not.toContain('wJalrXUtnFEMI');
    expect(await open(key, box, 'access-key:AKIA1')).toBe('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  });

  it('ciphertext swapping: a box copied to another row does not open there', async () => {
    const key = await aesKey(7);
    const box = await seal(key, 'secret-of-alice', 'access-key:AKIAALICE');
    await expect(open(key, box, 'access-key:AKIABOB')).rejects.toThrow();
  });

  it('stolen database: boxes do not open under another master key', async () => {
    const box = await seal(await aesKey(7), 'seed', 'mfa:x');
    await expect(open(await aesKey(8), box, 'mfa:x')).rejects.toThrow();
  });

  it('tampering: a modified ciphertext is rejected', async () => {
    const key = await aesKey(7);
    const box = await seal(key, 'seed', 'mfa:x');
    // Change the ciphertext's first character: all six of its bits are data (a final base64url
    // character may carry padding bits, and changing only those changes no byte).
    const at = box.lastIndexOf('.') + 1;
    const tampered = box.slice(0, at) + (box[at] === 'A' ? 'B' : 'A') + box.slice(at + 1);
    await expect(open(key, tampered, 'mfa:x')).rejects.toThrow();
    await expect(open(key, 'v0.abc.def', 'mfa:x')).rejects.toThrow('malformed');
  });

  it('uses a fresh IV each time', async () => {
    const key = await aesKey(7);
    expect(await seal(key, 'same', 'c')).not.toBe(await seal(key, 'same', 'c'));
  });
});

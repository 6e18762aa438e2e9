// TOTP codes as an authenticator app computes them (otpauth, SHA-1, 6 digits, 30 s), from the
// Base32StringSeed CreateVirtualMFADevice returned. Tests name steps relative to the current one:
// EnableMFADevice takes the codes of steps s-1 and s (the later one is "now"), which the server
// accepts whether it sees the request in step s or s+1, so crossing a step boundary never flakes.
import { Secret, TOTP } from 'otpauth';

export const STEP_MS = 30_000;

export const seedText = (seed: Uint8Array | undefined) => new TextDecoder().decode(seed);

/** The code of the step `offset` steps from the current one. */
export function codeAt(seed: string, offset = 0, now = Date.now()): string {
  return TOTP.generate({ secret: Secret.fromBase32(seed), timestamp: now + offset * STEP_MS, algorithm: 'SHA1', digits: 6, period: 30 });
}

/** A well-formed code that is valid for none of the steps the server could accept now. */
export function wrongCode(seed: string): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((o) => codeAt(seed, o)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

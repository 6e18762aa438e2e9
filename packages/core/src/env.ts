// The bindings every worker receives. Secrets are base64 strings of 32 random bytes; see crypto/keys.ts
// for how a missing or malformed one stops the worker.
export interface Env {
  DB: D1Database;
  /** AES-256-GCM key for secrets the service must recover (access-key secrets, TOTP seeds, JWT keys). */
  MASTER_KEY: string;
  /** HMAC key mixed into password hashes so a stolen database alone cannot be brute-forced. */
  PEPPER: string;
  /** Optional overrides. */
  JWT_ISSUER?: string;
  JWT_AUDIENCE?: string;
  JWT_TTL_SECONDS?: string;
  /** Where client addresses come from: `cf-connecting-ip` (default, trustworthy behind Cloudflare) or `none`. */
  CLIENT_IP_SOURCE?: string;
  /** The breached-password range API (`https://api.pwnedpasswords.com/range/`), or `off` / unset: off. */
  BREACHED_PASSWORDS_RANGE_API?: string;
  /** Tightens the policy worker's cache freshness bound below its 5 s default (tests). */
  POLICY_FRESHNESS_MS?: string;
}

// Has a new password appeared in a data breach? NIST SP 800-63B (5.1.1.2) asks verifiers to refuse passwords
// "obtained from previous breach corpuses". Asked of a range API in the shape of Have I Been Pwned's Pwned
// Passwords (https://api.pwnedpasswords.com/range/<first 5 hex of the SHA-1>) with k-anonymity: only the first
// five hex digits of the password's SHA-1 leave the worker; the service answers every suffix it knows under
// that prefix (padded with fake ones, `Add-Padding: true`, so the answer's size says nothing either) and the
// comparison happens here.
//
// A setting, BREACHED_PASSWORDS_RANGE_API: unset or `off` turns it off (local runs and tests: no request ever
// leaves the machine); a URL turns it on (the deployed workers' wrangler.toml sets HIBP's). When the service
// does not answer in time the check is skipped and logged: the local blocklist still applies, and a third
// party's outage should not stop every password change.
import { IamError } from '../errors';

export const BREACHED_PASSWORDS_SETTING = 'BREACHED_PASSWORDS_RANGE_API';
export const HIBP_RANGE_API = 'https://api.pwnedpasswords.com/range/';
/** How long a password change waits for the range API before going on without it. */
export const BREACHED_CHECK_TIMEOUT_MS = 2_000;

export interface BreachedPasswordsConfig {
  /** the range API's base URL; the 5-character prefix is appended */
  rangeUrl: string;
  timeoutMs: number;
}

export type BreachedCheck =
  | { status: 'breached'; count: number }
  | { status: 'not-found' }
  /** the service did not answer usefully: the check was skipped */
  | { status: 'unavailable'; reason: string };

const isLocalHost = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

/** The configured range API, or null when the check is off. A malformed setting stops the request (503). */
export function breachedPasswordsConfig(env: { BREACHED_PASSWORDS_RANGE_API?: string }): BreachedPasswordsConfig | null {
  const raw = (env.BREACHED_PASSWORDS_RANGE_API ?? '').trim();
  if (raw === '' || raw === 'off') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    url = new URL('invalid:');
  }
  // Plain http only to this machine (a local fake for tests and benchmarks): a password hash prefix is
  // little, but nothing about a password travels unencrypted over a network.
  const ok = url.protocol === 'https:' || (url.protocol === 'http:' && isLocalHost(url.hostname));
  if (!ok || url.search || url.hash) {
    throw new IamError(
      'ServiceUnavailable',
      `${BREACHED_PASSWORDS_SETTING} must be \`off\` or an https URL of a range API such as \`${HIBP_RANGE_API}\`, not \`${raw.slice(0, 80)}\``,
    );
  }
  return { rangeUrl: url.href.endsWith('/') ? url.href : `${url.href}/`, timeoutMs: BREACHED_CHECK_TIMEOUT_MS };
}

async function sha1Hex(password: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(password)));
  return [...digest]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

/** How often the range answer lists `suffix`; 0 when not at all (padding entries have a count of 0). */
export function countInRange(body: string, suffix: string): number {
  for (const line of body.split('\n')) {
    const colon = line.indexOf(':');
    if (colon !== 35 || line.slice(0, 35).toUpperCase() !== suffix) continue;
    const count = Number.parseInt(line.slice(36).trim(), 10);
    return Number.isFinite(count) ? count : 0;
  }
  return 0;
}

/**
 * Asks the range API about `password`. Never throws: a failure is `unavailable`, for the caller to log.
 * `fetcher` is the global fetch in the workers; tests pass a local fake range server.
 */
export async function checkBreachedPassword(
  password: string,
  config: BreachedPasswordsConfig,
  fetcher: (req: Request) => Promise<Response> = (req) => fetch(req),
): Promise<BreachedCheck> {
  const hash = await sha1Hex(password);
  const prefix = hash.slice(0, 5);
  try {
    const res = await fetcher(
      new Request(`${config.rangeUrl}${prefix}`, {
        headers: { 'add-padding': 'true', 'user-agent': 'edge-iam (breached-password check)' },
        signal: AbortSignal.timeout(config.timeoutMs),
      }),
    );
    if (!res.ok) return { status: 'unavailable', reason: `the range API answered ${res.status}` };
    const count = countInRange(await res.text(), hash.slice(5));
    return count > 0 ? { status: 'breached', count } : { status: 'not-found' };
  } catch (e) {
    return { status: 'unavailable', reason: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** The policy-style violation for a breached password, or null; logs (never the password) when skipped. */
export async function breachedPasswordViolation(
  password: string,
  config: BreachedPasswordsConfig | null,
  fetcher?: (req: Request) => Promise<Response>,
): Promise<{ rule: 'BreachedPassword'; message: string } | null> {
  if (!config) return null;
  const result = await checkBreachedPassword(password, config, fetcher);
  if (result.status === 'unavailable') {
    console.warn(`breached-password check skipped (${BREACHED_PASSWORDS_SETTING}): ${result.reason}`);
    return null;
  }
  if (result.status === 'not-found') return null;
  return { rule: 'BreachedPassword', message: 'has appeared in known data breaches, so attackers try it; choose another' };
}

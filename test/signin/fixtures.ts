// Fixtures for the sign-in tests: accounts, IAM users with login profiles, password policies and MFA
// devices made through the core repositories (the IAM API for login profiles is another worker's), and
// a tiny cookie-keeping client that drives the hosted pages like a browser would (Origin header, CSRF
// token from its cookie, no automatic redirects).
import { exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { iamArn } from '../../packages/core/src/arn';
import { totpCodeAt, totpStep } from '../../packages/core/src/crypto/totp';
import { accounts, inlinePolicies, users } from '../../packages/core/src/db/schema';
import { newId } from '../../packages/core/src/ids';
import { createLoginProfile } from '../../packages/core/src/repo/login-profiles';
import { createVirtualMfaDevice, enableMfaDevice } from '../../packages/core/src/repo/mfa-devices';
import { putPasswordPolicy, type PasswordPolicyInput } from '../../packages/core/src/repo/password-policy';
import { db, freshAccount, serviceKeys } from '../helpers';

export const ORIGIN = 'http://localhost';
const gateway = () => (exports as unknown as { default: Fetcher }).default;

/** A random client address per test, so per-IP limits of one test never touch another. */
export const randomIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`;

export async function account(opts: { alias?: string; redirectUris?: string[]; policy?: PasswordPolicyInput } = {}) {
  const a = await freshAccount();
  if (opts.alias || opts.redirectUris) {
    await db()
      .update(accounts)
      .set({ alias: opts.alias ?? null, signinRedirectUris: JSON.stringify(opts.redirectUris ?? []) })
      .where(eq(accounts.id, a.accountId));
  }
  if (opts.policy) await putPasswordPolicy(db(), a.accountId, opts.policy, new Date());
  if (!a.created) throw new Error('unreachable');
  return a;
}

/** Lets a user manage their own password and virtual MFA device, as AWS's self-service example policy does. */
export const SELF_SERVICE_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'iam:ChangePassword', Resource: 'arn:aws:iam::*:user/${aws:username}' },
    {
      Effect: 'Allow',
      Action: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice'],
      Resource: ['arn:aws:iam::*:mfa/${aws:username}', 'arn:aws:iam::*:user/${aws:username}'],
    },
  ],
});

export interface UserOptions {
  password?: string;
  resetRequired?: boolean;
  changedAt?: Date;
  /** inline policy documents, by name */
  policies?: Record<string, string>;
  path?: string;
}

export async function user(accountId: string, name: string, opts: UserOptions = {}) {
  const id = newId('user');
  const now = new Date();
  const password = opts.password ?? 'Correct-Horse-42';
  await db()
    .insert(users)
    .values({ id, accountId, name, path: opts.path ?? '/', createdAt: now });
  const keys = await serviceKeys();
  await createLoginProfile(db(), keys.pepper, {
    userId: id,
    password,
    passwordResetRequired: opts.resetRequired ?? false,
    now: opts.changedAt ?? now,
  });
  for (const [policyName, document] of Object.entries(opts.policies ?? {})) {
    await db().insert(inlinePolicies).values({ accountId, userId: id, name: policyName, document, updatedAt: now });
  }
  return { id, name, password, arn: iamArn(accountId, 'user', name, opts.path ?? '/') };
}

/** An enabled virtual MFA device for a user (or the root user when userId is null); returns its seed. */
export async function mfa(accountId: string, userId: string | null, name: string) {
  const keys = await serviceKeys();
  const { device, secret } = await createVirtualMfaDevice(db(), keys.masterKey, { accountId, name, now: new Date() });
  await enableMfaDevice(db(), { serialNumber: device.serialNumber, accountId, userId, lastUsedStep: 0, now: new Date() });
  return { serialNumber: device.serialNumber, secret };
}

export const codeNow = (secret: string, offset = 0) => totpCodeAt(secret, totpStep(new Date()) + offset);

export async function apiSignin(body: unknown, ip = randomIp()) {
  const res = await gateway().fetch(`${ORIGIN}/api/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
    body: JSON.stringify(body),
  });
  return { res, status: res.status, body: (await res.json()) as Record<string, any> };
}

export const get = (path: string, headers: Record<string, string> = {}) => gateway().fetch(`${ORIGIN}${path}`, { headers });

/** Set-Cookie headers parsed to name -> { value, attributes } */
export function setCookies(res: Response): Map<string, { value: string; attrs: string }> {
  const out = new Map<string, { value: string; attrs: string }>();
  for (const line of res.headers.getSetCookie()) {
    const [pair, ...attrs] = line.split(';');
    const eqAt = pair!.indexOf('=');
    out.set(pair!.slice(0, eqAt).trim(), { value: pair!.slice(eqAt + 1).trim(), attrs: attrs.join(';').trim() });
  }
  return out;
}

export const SESSION = '__Host-edge-iam-session';
export const CSRF = '__Host-edge-iam-csrf';

/** A browser-ish client: a cookie jar, one client IP, same-origin form posts with the CSRF token. */
export class Browser {
  readonly jar = new Map<string, string>();
  constructor(readonly ip = randomIp()) {}

  private cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response) {
    for (const [name, { value, attrs }] of setCookies(res)) {
      if (/max-age=0/i.test(attrs) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  async get(path: string): Promise<Response> {
    const res = await gateway().fetch(`${ORIGIN}${path}`, {
      headers: { cookie: this.cookieHeader(), 'cf-connecting-ip': this.ip },
      redirect: 'manual',
    });
    return this.keep(res);
  }

  /** Posts a form as the page would: Origin of this site and the CSRF token (unless overridden). */
  async post(path: string, fields: Record<string, string>, opts: { origin?: string | null; csrf?: string | null } = {}): Promise<Response> {
    if (!this.jar.has(CSRF)) await this.get('/signin');
    const form = new URLSearchParams(fields);
    const csrf = opts.csrf === undefined ? this.jar.get(CSRF) : opts.csrf;
    if (csrf !== null && csrf !== undefined) form.set('csrf_token', csrf);
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: this.cookieHeader(),
      'cf-connecting-ip': this.ip,
    };
    const origin = opts.origin === undefined ? ORIGIN : opts.origin;
    if (origin !== null) headers.origin = origin;
    const res = await gateway().fetch(`${ORIGIN}${path}`, { method: 'POST', headers, body: form.toString(), redirect: 'manual' });
    return this.keep(res);
  }

  get session() {
    return this.jar.get(SESSION);
  }
}

export const signinAsUser = (b: Browser, accountId: string, username: string, password: string, extra: Record<string, string> = {}) =>
  b.post('/signin', { kind: 'user', account: accountId, username, password, ...extra });

export async function jwks() {
  return (await (await get('/.well-known/jwks.json')).json()) as { keys: import('jose').JWK[] };
}

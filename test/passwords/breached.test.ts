// The breached-password check (BREACHED_PASSWORDS_RANGE_API) against a local fake of the Pwned Passwords
// range API: never the internet. The fake answers like the real one (every suffix under a prefix, padded
// with zero-count entries on request) and records what it was sent.
import { CreateLoginProfileCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { HttpResponse, type HttpRequest } from '@smithy/core/transport';
import { createExecutionContext, env } from 'cloudflare:test';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  breachedPasswordsConfig,
  breachedPasswordViolation,
  checkBreachedPassword,
  HIBP_RANGE_API,
  type BreachedPasswordsConfig,
} from '../../packages/core/src/passwords/breached';
import identity from '../../workers/identity/src/index';
import signin from '../../workers/signin/src/index';
import { freshAccount } from '../helpers';
import { account, randomIp, user } from '../signin/fixtures';

const FAKE = 'https://range.test/range/';
const BREACHED = 'Rainbow-Cactus-81!'; // passes the local blocklist: only the breach corpus knows it

async function sha1(s: string) {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(s)));
  return [...d]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

/** A fake range API: `known` maps passwords to breach counts; `requests` is every URL it was asked. */
async function fakeRangeServer(known: Record<string, number>, opts: { status?: number } = {}) {
  const hashes = await Promise.all(Object.entries(known).map(async ([pw, n]) => [await sha1(pw), n] as const));
  const requests: Request[] = [];
  const app = new Hono();
  app.get('/range/:prefix', (c) => {
    requests.push(c.req.raw.clone());
    if (opts.status) return c.text('unavailable', opts.status as 503);
    const prefix = c.req.param('prefix').toUpperCase();
    const lines = hashes.filter(([h]) => h.startsWith(prefix)).map(([h, n]) => `${h.slice(5)}:${n}`);
    if (c.req.header('add-padding') === 'true') {
      for (let i = 0; i < 20; i++) lines.push(`${crypto.randomUUID().replaceAll('-', '').slice(0, 35).toUpperCase()}:0`);
    }
    return c.text(lines.join('\r\n'));
  });
  return { fetch: (req: Request) => Promise.resolve(app.fetch(req)), requests };
}

const config: BreachedPasswordsConfig = { rangeUrl: FAKE, timeoutMs: 500 };

describe('the breached-password setting', () => {
  it('is off unless set, and takes an https range API (or a fake on this machine)', () => {
    expect(breachedPasswordsConfig({})).toBeNull();
    expect(breachedPasswordsConfig({ BREACHED_PASSWORDS_RANGE_API: 'off' })).toBeNull();
    expect(breachedPasswordsConfig({ BREACHED_PASSWORDS_RANGE_API: HIBP_RANGE_API })).toEqual({
      rangeUrl: HIBP_RANGE_API,
      timeoutMs: 2000,
    });
    expect(breachedPasswordsConfig({ BREACHED_PASSWORDS_RANGE_API: 'http://127.0.0.1:9999/range' })?.rangeUrl).toBe(
      'http://127.0.0.1:9999/range/',
    );
  });

  it('refuses a misspelt setting instead of silently turning the check off or sending hashes in the clear', () => {
    for (const v of ['on', 'http://range.example.com/range/', 'https://range.example.com/range/?key=1']) {
      expect(() => breachedPasswordsConfig({ BREACHED_PASSWORDS_RANGE_API: v }), v).toThrow(/must be `off` or an https URL/);
    }
  });
});

describe('k-anonymity', () => {
  it('threat: the breach service learns the password: only 5 hex digits of its SHA-1 leave, in the path', async () => {
    const fake = await fakeRangeServer({});
    await checkBreachedPassword(BREACHED, config, fake.fetch);
    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0]!;
    const url = new URL(req.url);
    expect(url.pathname).toBe(`/range/${(await sha1(BREACHED)).slice(0, 5)}`);
    expect(url.search).toBe('');
    expect(req.method).toBe('GET');
    expect(await req.text()).toBe('');
    expect(req.headers.get('add-padding')).toBe('true');
    for (const [, v] of req.headers) expect(v).not.toContain((await sha1(BREACHED)).slice(5, 15));
  });

  it('finds a breached password by its suffix and ignores zero-count padding entries', async () => {
    const fake = await fakeRangeServer({ [BREACHED]: 3, 'Never-Breached-0': 0 });
    expect(await checkBreachedPassword(BREACHED, config, fake.fetch)).toEqual({ status: 'breached', count: 3 });
    expect(await checkBreachedPassword('Never-Breached-0', config, fake.fetch)).toEqual({ status: 'not-found' });
    expect(await checkBreachedPassword('Some-Other-Pass-5', config, fake.fetch)).toEqual({ status: 'not-found' });
  });

  it('skips the check (and says why in the log) when the service fails, times out or is off', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const down = await fakeRangeServer({ [BREACHED]: 3 }, { status: 503 });
    expect(await breachedPasswordViolation(BREACHED, config, down.fetch)).toBeNull();
    const hangs = () => new Promise<Response>(() => {});
    const slow = (req: Request) =>
      Promise.race([hangs(), new Promise<Response>((_, rej) => req.signal.addEventListener('abort', () => rej(req.signal.reason)))]);
    const t0 = Date.now();
    expect(await checkBreachedPassword(BREACHED, { ...config, timeoutMs: 100 }, slow)).toMatchObject({ status: 'unavailable' });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/breached-password check skipped .*503/);
    expect(warn.mock.calls.flat().join(' ')).not.toContain(BREACHED);
    const never = await fakeRangeServer({ [BREACHED]: 3 });
    expect(await breachedPasswordViolation(BREACHED, null, never.fetch)).toBeNull();
    expect(never.requests).toHaveLength(0);
  });
});

describe('new passwords through the workers, with the setting on', () => {
  // The workers call the global fetch; only the fake's origin is answered, anything else fails the test.
  async function routeFetchToFake(known: Record<string, number>) {
    const fake = await fakeRangeServer(known);
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const req = new Request(input as RequestInfo, init);
      if (!req.url.startsWith(FAKE)) throw new Error(`unexpected request to ${req.url}`);
      return fake.fetch(req);
    });
    return fake;
  }
  const withSetting = { ...env, BREACHED_PASSWORDS_RANGE_API: FAKE } as typeof env;
  afterEach(() => vi.restoreAllMocks());

  it('CreateLoginProfile refuses a breached password with PasswordPolicyViolation, and takes another', async () => {
    const fake = await routeFetchToFake({ [BREACHED]: 12 });
    const a = await freshAccount();
    if (!a.created) throw new Error('unreachable');
    const client = new IAMClient({
      region: 'us-east-1',
      endpoint: 'http://localhost:8787',
      credentials: { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey },
      maxAttempts: 1,
      requestHandler: {
        async handle(request: HttpRequest) {
          const url = `http://${request.hostname}:${request.port}${request.path}`;
          const req = new Request(url, { method: request.method, headers: request.headers, body: request.body as BodyInit });
          const res = await identity.fetch(req, withSetting, createExecutionContext());
          const headers: Record<string, string> = {};
          res.headers.forEach((v, k) => (headers[k] = v));
          return { response: new HttpResponse({ statusCode: res.status, headers, body: new Uint8Array(await res.arrayBuffer()) }) };
        },
      },
    });
    await client.send(new CreateUserCommand({ UserName: 'tom' }));
    await expect(client.send(new CreateLoginProfileCommand({ UserName: 'tom', Password: BREACHED }))).rejects.toMatchObject({
      name: 'PasswordPolicyViolationException',
      message: expect.stringContaining('has appeared in known data breaches'),
    });
    expect(fake.requests).toHaveLength(1);
    await client.send(new CreateLoginProfileCommand({ UserName: 'tom', Password: 'Quiet-Meadow-Kettle-7' }));
    // An autogenerated password is never sent for checking: it was never anywhere to be breached.
    await client.send(new CreateUserCommand({ UserName: 'ana' }));
    await client.send(new CreateLoginProfileCommand({ UserName: 'ana' }));
    expect(fake.requests).toHaveLength(2);
  });

  it('the forced password change at sign-in refuses a breached password, naming the rule', async () => {
    await routeFetchToFake({ [BREACHED]: 7 });
    const a = await account({ policy: { allowUsersToChangePassword: true } });
    const tom = await user(a.accountId, 'tom', { resetRequired: true });
    const attempt = (newPassword: string) =>
      signin.fetch(
        new Request('http://localhost/api/signin', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'cf-connecting-ip': randomIp() },
          body: JSON.stringify({ account: a.accountId, username: 'tom', password: tom.password, newPassword }),
        }),
        withSetting,
        createExecutionContext(),
      );
    const refused = await attempt(BREACHED);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'PasswordPolicyViolation', violations: [{ rule: 'BreachedPassword' }] } });
    expect((await attempt('Quiet-Meadow-Kettle-7')).status).toBe(200);
  });
});

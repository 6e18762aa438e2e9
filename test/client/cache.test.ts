// The app-side decision cache of @edge-iam/client: how long an answer may be reused, what it is keyed
// by, and what is never cached. The bound is the service's own freshness rule, checked against the
// policy worker's constant; the last test runs against the real service in this workerd.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { FRESHNESS_MS } from '../../workers/policy/src/caches';
import {
  ConfigurationError,
  createClient,
  DecisionCache,
  SERVICE_FRESHNESS_MS,
  type Decision,
  type Principal,
} from '../../packages/client/src/index';
import { db } from '../helpers';
import { inlinePolicies } from '../../packages/core/src/db/schema';
import { account, apiSignin, ORIGIN, user } from '../signin/fixtures';
import { and, eq } from 'drizzle-orm';

/** An unsigned JWT-shaped token with this `exp` (the cache reads it only to bound reuse; the service verifies). */
const tokenExpiring = (expSeconds: number, salt = 'a') =>
  `eyJhbGciOiJFUzI1NiJ9.${btoa(JSON.stringify({ exp: expSeconds, jti: salt }))
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_')}.sig`;

const decision = (d: 'Allow' | 'Deny' = 'Allow'): Decision => ({
  decision: d,
  reason: d === 'Allow' ? 'Allow' : 'ImplicitDeny',
  matchedStatements: [],
  missingContextKeys: [],
  errors: [],
  principal: { arn: 'arn:aws:iam::123456789012:user/tom', account: '123456789012', via: 'token' },
});

/** A cache on a clock the test moves, and a loader that counts how often the service was asked. */
function harness(options: { ttlMs?: number; maxEntries?: number } = {}) {
  let now = 1_800_000_000_000;
  const cache = new DecisionCache({ ...options, now: () => now });
  let loads = 0;
  const ask = (
    principal: Principal,
    request: Parameters<DecisionCache['get']>[1],
    answer: () => Promise<Decision> = async () => decision(),
  ) =>
    cache.get(principal, request, () => {
      loads++;
      return answer();
    });
  return { cache, ask, loads: () => loads, advance: (ms: number) => (now += ms), now: () => now };
}

const token = { token: tokenExpiring(1_800_000_000 + 3600) };
const check = { action: 'reports:GetReport', resource: 'arn:example:reports:::report/q1' };

describe('DecisionCache: how long', () => {
  it('cache entries never outlive the freshness bound', async () => {
    // Threat: an app caches Allow for minutes, and a revoked permission or an ended session keeps
    // working there long after the service's documented bound.
    expect(SERVICE_FRESHNESS_MS).toBe(FRESHNESS_MS);
    expect(() => new DecisionCache({ ttlMs: SERVICE_FRESHNESS_MS + 1 })).toThrow(ConfigurationError);
    expect(() => createClient({ cache: { ttlMs: 60_000 } })).toThrow(/at most|between 1 and 5000/);
    expect(() => new DecisionCache({ ttlMs: 0 })).toThrow(ConfigurationError);
    const h = harness({ ttlMs: SERVICE_FRESHNESS_MS });
    await h.ask(token, check);
    expect(h.cache.expiresAt(token, check)).toBe(h.now() + SERVICE_FRESHNESS_MS);
    h.advance(SERVICE_FRESHNESS_MS - 1);
    await h.ask(token, check);
    expect(h.loads()).toBe(1);
    h.advance(1);
    await h.ask(token, check);
    expect(h.loads()).toBe(2);
  });

  it('a decision for a token is not reused past the token’s expiry, and one whose expiry cannot be read is not cached', async () => {
    const h = harness({ ttlMs: 5_000 });
    const soon = { token: tokenExpiring(Math.floor(h.now() / 1000) + 2) };
    await h.ask(soon, check);
    expect(h.cache.expiresAt(soon, check)).toBeLessThanOrEqual(h.now() + 2_000);
    h.advance(2_000);
    await h.ask(soon, check);
    expect(h.loads()).toBe(2);
    for (const t of ['opaque-token', 'a.b.c', tokenExpiring(Math.floor(h.now() / 1000) - 1)]) {
      await h.ask({ token: t }, check);
      await h.ask({ token: t }, check);
    }
    expect(h.loads()).toBe(2 + 6);
    // Nothing is kept: the first token has expired by now, and the others never had a readable expiry.
    expect(h.cache.size).toBe(0);
  });

  it('fresh: true asks the service again and keeps the newer answer', async () => {
    const h = harness();
    await h.ask(token, check);
    const newer = await h.ask(token, { ...check, fresh: true }, async () => decision('Deny'));
    expect(newer.decision).toBe('Deny');
    expect((await h.ask(token, check)).decision).toBe('Deny');
    expect(h.loads()).toBe(2);
  });
});

describe('DecisionCache: what it is keyed by', () => {
  it('keys by principal, action, resource, context, resource policy, source address and client id', async () => {
    // Threat: two checks that differ in anything the decision depends on share an entry, and one
    // principal's Allow (or one resource's) answers for another.
    const h = harness();
    const variants: [Principal, Parameters<DecisionCache['get']>[1]][] = [
      [token, check],
      [{ token: tokenExpiring(1_800_000_000 + 3600, 'other user') }, check],
      [{ arn: 'arn:aws:iam::123456789012:user/tom' }, check],
      [token, { ...check, action: 'reports:DeleteReport' }],
      [token, { ...check, resource: 'arn:example:reports:::report/q2' }],
      [token, { ...check, context: { 'reports:Team': 'sales' } }],
      [token, { ...check, context: { 'reports:Team': 'finance' } }],
      [token, { ...check, resourcePolicy: { Version: '2012-10-17', Statement: [] } }],
      [token, { ...check, sourceIp: '203.0.113.7' }],
      [token, { ...check, sourceIp: '198.51.100.7' }],
      [token, { ...check, clientId: 'eiam-aaaaaaaaaaaaaaaaaaaa' }],
      [token, { ...check, clientId: 'eiam-bbbbbbbbbbbbbbbbbbbb' }],
    ];
    for (const [p, r] of variants) await h.ask(p, r);
    expect(h.loads()).toBe(variants.length);
    for (const [p, r] of variants) await h.ask(p, r);
    expect(h.loads()).toBe(variants.length);
    // The same context written in another key order is the same check.
    await h.ask(token, { ...check, context: { b: '2', a: '1' } });
    await h.ask(token, { ...check, context: { a: '1', b: '2' } });
    expect(h.loads()).toBe(variants.length + 1);
  });

  it('never caches a request someone signed with SigV4: an entry could only serve a replay', async () => {
    const h = harness();
    const signed: Principal = { signedRequest: { method: 'GET', url: 'https://app/x', headers: {}, payloadHash: '0'.repeat(64) } };
    await h.ask(signed, check);
    await h.ask(signed, check);
    expect(h.loads()).toBe(2);
    expect(h.cache.size).toBe(0);
  });
});

describe('DecisionCache: what it keeps', () => {
  it('does not cache errors, and concurrent identical checks share one request', async () => {
    const h = harness();
    await expect(h.ask(token, check, () => Promise.reject(new Error('503')))).rejects.toThrow('503');
    expect(h.cache.size).toBe(0);
    const answers = await Promise.all([h.ask(token, check), h.ask(token, check), h.ask(token, check)]);
    expect(h.loads()).toBe(2);
    expect(answers[0]).toBe(answers[2]);
  });

  it('a cached decision cannot be changed by the code it was handed to', async () => {
    // Threat: one handler "adjusts" the decision object it got (say, to Allow), and every later
    // request that hits the entry sees the change.
    const h = harness();
    const d = await h.ask(token, check, async () => decision('Deny'));
    expect(() => {
      (d as { decision: string }).decision = 'Allow';
    }).toThrow(TypeError);
    expect(() => (d.matchedStatements as unknown[]).push({})).toThrow(TypeError);
    expect((await h.ask(token, check)).decision).toBe('Deny');
  });

  it('holds at most maxEntries, dropping expired and then the oldest entries first', async () => {
    const h = harness({ maxEntries: 3, ttlMs: 1_000 });
    for (const id of ['a', 'b', 'c', 'd']) await h.ask(token, { ...check, resource: id });
    expect(h.cache.size).toBe(3);
    expect(h.cache.expiresAt(token, { ...check, resource: 'a' })).toBeUndefined();
    h.advance(1_000);
    await h.ask(token, { ...check, resource: 'e' });
    expect(h.cache.size).toBe(1);
  });
});

describe('createClient({ cache }) against the service', () => {
  it('reuses an Allow for at most ttlMs plus the service’s bound after the permission is gone; fresh sees it at once', async () => {
    const a = await account();
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'reports:GetReport', Resource: '*' }],
    });
    const tom = await user(a.accountId, 'tom', { policies: { reports: policy } });
    const { body } = await apiSignin({ account: a.accountId, username: 'tom', password: tom.password });
    let calls = 0;
    const cached = () =>
      createClient({
        fetcher: { fetch: (r) => (calls++, exports.default.fetch(r)) },
        endpoint: ORIGIN,
        cache: { ttlMs: 200 },
      });
    const [client, other] = [cached(), cached()];
    const principal = { token: body.token as string };
    for (const c of [client, client, other]) expect((await c.authorize(principal, check)).decision).toBe('Allow');
    expect(calls).toBe(2);

    await db()
      .delete(inlinePolicies)
      .where(and(eq(inlinePolicies.userId, tom.id), eq(inlinePolicies.name, 'reports')));
    // Still the cached Allow: the cache says so for ttlMs, and this is what the README documents.
    expect((await client.authorize(principal, check)).decision).toBe('Allow');
    expect((await other.authorize(principal, { ...check, fresh: true })).decision).toBe('Deny');
    // test/wrangler.toml sets the service's bound to 300 ms; after ttlMs + that, the change is seen anyway.
    await new Promise((r) => setTimeout(r, 200 + 300 + 50));
    expect((await client.authorize(principal, check)).decision).toBe('Deny');
    expect(calls).toBe(4);
  });
});

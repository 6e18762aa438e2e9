// The gateway alone, as plain `wrangler dev` at the root starts it: workers that are not running are
// named with how to start them, in each protocol and on /health; and a browser at `/` lands on the console.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import gateway from '../src/gateway';
import type { GatewayEnv } from '../src/workers';

/** What wrangler's dev registry answers a binding to a worker that is not running. */
const notRunning = (service: string): Fetcher =>
  ({
    fetch: async () => new Response(`Worker "${service}" not found. Make sure it is running locally.`, { status: 503 }),
  }) as unknown as Fetcher;

const gatewayAlone: GatewayEnv = {
  IDENTITY: notRunning('edge-iam-identity'),
  POLICY: notRunning('edge-iam-policy'),
  SIGNIN: notRunning('edge-iam-signin'),
  CONSOLE: notRunning('edge-iam-console'),
};
const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
const send = (req: Request, env: GatewayEnv = gatewayAlone) => gateway.fetch(req, env, ctx);

describe('the gateway without its workers (plain `wrangler dev` at the root)', () => {
  it('/health names every worker that is not running and how to start it', async () => {
    const res = await send(new Request('http://localhost:8787/health'));
    expect(res.status).toBe(503);
    const body = (await res.json()) as { ok: boolean; workers: Record<string, { ok: boolean; running: boolean; error: string }> };
    expect(body.ok).toBe(false);
    for (const name of ['identity', 'policy', 'signin', 'console']) {
      expect(body.workers[name]).toMatchObject({ ok: false, running: false });
      expect(body.workers[name]!.error).toBe(
        `the ${name} worker (edge-iam-${name}) is not running: start the whole stack with \`npm run dev\` at the repository root, ` +
          `or run \`npx wrangler dev\` in workers/${name} next to this one`,
      );
    }
  });

  it('answers the AWS CLI with an AWS ServiceUnavailable error naming the worker, not a parse error', async () => {
    const res = await send(new Request('http://localhost:8787/', { method: 'POST', body: 'Action=ListUsers&Version=2010-05-08' }));
    expect(res.status).toBe(503);
    const xml = await res.text();
    expect(xml).toContain('<Code>ServiceUnavailable</Code>');
    expect(xml).toContain('the identity worker (edge-iam-identity) is not running');
  });

  it('answers JSON routes with a JSON error, and a browser with a page saying the same', async () => {
    const json = await send(new Request('http://localhost:8787/authorize', { method: 'POST', body: '{}' }));
    expect(json.status).toBe(503);
    expect(await json.json()).toMatchObject({
      error: { code: 'ServiceUnavailable', worker: 'policy', message: expect.stringContaining('run `npx wrangler dev` in workers/policy') },
    });
    const page = await send(new Request('http://localhost:8787/signin', { headers: { accept: 'text/html' } }));
    expect(page.status).toBe(503);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('The signin worker is not running.');
  });

  it("passes a running worker's own 503 through untouched", async () => {
    const own = new Response('{"error":{"code":"ServiceUnavailable"}}', { status: 503, headers: { 'x-request-id': 'r1' } });
    const env = { ...gatewayAlone, IDENTITY: { fetch: async () => own } as unknown as Fetcher };
    const res = await send(new Request('http://localhost:8787/', { method: 'POST' }), env);
    expect(res.headers.get('x-request-id')).toBe('r1');
  });
});

describe('a browser at the origin', () => {
  it('lands on the console (which asks a person without a session to sign in)', async () => {
    const res = await exports.default.fetch('http://localhost/', {
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/console');
    const landing = await exports.default.fetch('http://localhost/console', { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(landing.status).toBe(303);
    expect(landing.headers.get('location')).toMatch(/\/signin\b/);
  });

  it('while API clients at `/` keep the AWS answers', async () => {
    const get = await exports.default.fetch('http://localhost/', { headers: { accept: '*/*' } });
    expect(get.headers.get('content-type')).toMatch(/xml/);
    expect(await get.text()).toMatch(/<ErrorResponse/);
    const post = await exports.default.fetch('http://localhost/', {
      method: 'POST',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListUsers&Version=2010-05-08',
    });
    expect(post.status).toBe(403);
    expect(await post.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});

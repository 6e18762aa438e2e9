// aws:SourceIp as the middleware reports it: the platform's view of the TCP peer, and CF-Connecting-IP
// only where the app says it runs behind Cloudflare. Decided by the real service in this workerd, with
// policies that allow only from one address range, so a wrong address shows up as a wrong decision.
import { exports } from 'cloudflare:workers';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../packages/client/src/index';
import { authorize, normalizeIp, type AuthorizeOptions } from '../../packages/client/src/hono';
import { account, apiSignin, ORIGIN, user } from '../signin/fixtures';

const BY_ADDRESS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'OfficeOnly',
      Effect: 'Allow',
      Action: 'reports:GetReport',
      Resource: 'arn:example:reports:::report/office-*',
      Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    },
    {
      Sid: 'ThisMachineOnly',
      Effect: 'Allow',
      Action: 'reports:GetReport',
      Resource: 'arn:example:reports:::report/local-*',
      Condition: { IpAddress: { 'aws:SourceIp': '127.0.0.1/32' } },
    },
  ],
});

/** What @hono/node-server hands the app as c.env: the Node request, whose socket is the TCP peer. */
const nodeBindings = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } }, outgoing: {} });

async function setup(options: Partial<AuthorizeOptions> = {}) {
  const a = await account();
  const tom = await user(a.accountId, 'tom', { policies: { address: BY_ADDRESS } });
  const { body } = await apiSignin({ account: a.accountId, username: 'tom', password: tom.password });
  const sent: Record<string, unknown>[] = [];
  const client = createClient({
    fetcher: {
      fetch: async (r) => {
        sent.push((await r.clone().json()) as Record<string, unknown>);
        return exports.default.fetch(r);
      },
    },
    endpoint: ORIGIN,
  });
  const app = new Hono();
  app.get(
    '/reports/:id',
    authorize({
      client,
      action: 'reports:GetReport',
      resource: (c) => `arn:example:reports:::report/${c.req.param('id')}`,
      onDecision: () => {},
      ...options,
    }),
    (c) => c.text('ok'),
  );
  const get = async (id: string, headers: Record<string, string> = {}, env?: unknown) =>
    (await app.request(`/reports/${id}`, { headers: { authorization: `Bearer ${body.token}`, ...headers } }, env)).status;
  return { get, sent };
}

describe('aws:SourceIp from the platform, not from what the client says', () => {
  it('a client-supplied CF-Connecting-IP does not become aws:SourceIp off Cloudflare', async () => {
    // Threat: off Cloudflare nobody strips CF-Connecting-IP, so a client that sends one would be
    // wherever it claims, and through any "office network only" condition.
    const { get, sent } = await setup();
    const forged = { 'cf-connecting-ip': '203.0.113.7' };
    expect(await get('office-plan', forged, nodeBindings('::ffff:127.0.0.1'))).toBe(403);
    // The socket's address is what counts (an IPv4-mapped IPv6 address as the IPv4 address it is).
    expect(await get('local-notes', forged, nodeBindings('::ffff:127.0.0.1'))).toBe(200);
    expect(sent.map((b) => b.sourceIp)).toEqual(['127.0.0.1', '127.0.0.1']);
  });

  it('with nothing from the platform (a Worker that did not say it is behind Cloudflare), no address is sent', async () => {
    const { get, sent } = await setup();
    expect(await get('office-plan', { 'cf-connecting-ip': '203.0.113.7' })).toBe(403);
    expect(sent[0]).not.toHaveProperty('sourceIp');
  });

  it('behindCloudflare: true takes CF-Connecting-IP, which Cloudflare sets, and not the TCP peer (Cloudflare itself)', async () => {
    const { get } = await setup({ behindCloudflare: true });
    expect(await get('office-plan', { 'cf-connecting-ip': '203.0.113.7' }, nodeBindings('198.51.100.1'))).toBe(200);
    expect(await get('office-plan', { 'cf-connecting-ip': '198.51.100.20' })).toBe(403);
  });

  it('getConnInfo (hono/bun, hono/deno, @hono/node-server/conninfo) and Bun’s server.requestIP name the peer', async () => {
    const viaAdapter = await setup({ getConnInfo: () => ({ remote: { address: '203.0.113.9' } }) });
    expect(await viaAdapter.get('office-plan', { 'cf-connecting-ip': '127.0.0.1' })).toBe(200);
    const bun = await setup();
    expect(await bun.get('office-plan', {}, { requestIP: () => ({ address: '203.0.113.10', family: 'IPv4', port: 1 }) })).toBe(200);
  });

  it('sourceIp overrides the platform (behind a proxy of the app’s own); a value that is no address is not sent', async () => {
    const { get, sent } = await setup({ sourceIp: (c) => c.req.header('x-proxy-client-ip') });
    expect(await get('office-plan', { 'x-proxy-client-ip': '203.0.113.44' }, nodeBindings('10.0.0.2'))).toBe(200);
    expect(await get('office-plan', { 'x-proxy-client-ip': '203.0.113.44, 10.9.9.9' }, nodeBindings('10.0.0.2'))).toBe(403);
    expect(sent[1]).not.toHaveProperty('sourceIp');
  });

  it('normalizes what platforms report to what the service accepts', () => {
    expect(normalizeIp('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(normalizeIp('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeIp('2001:DB8::1')).toBe('2001:db8::1');
    expect(normalizeIp(' 192.0.2.1 ')).toBe('192.0.2.1');
    for (const bad of ['999.1.1.1', 'localhost', '', '1.2.3', '203.0.113.44, 10.9.9.9', undefined, null])
      expect(normalizeIp(bad)).toBeUndefined();
  });
});

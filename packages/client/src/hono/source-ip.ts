// The end client's address for aws:SourceIp, from the platform rather than from what the client says.
// A `CF-Connecting-IP` header is set by Cloudflare's edge, which replaces any copy a client sends, so it
// is evidence only behind Cloudflare (`behindCloudflare: true`, the case for every deployed Worker);
// anywhere else any client can send one. Off Cloudflare the address is the TCP peer: Node's socket
// (@hono/node-server) or Bun's `server.requestIP`, or whatever the app's `getConnInfo` adapter says.
import type { Context } from 'hono';
import type { GetConnInfo } from 'hono/conninfo';

export interface SourceIpOptions {
  behindCloudflare?: boolean | undefined;
  getConnInfo?: GetConnInfo | undefined;
}

export function clientAddress(c: Context, options: SourceIpOptions): string | undefined {
  if (options.behindCloudflare) return normalizeIp(c.req.header('cf-connecting-ip'));
  if (options.getConnInfo) return normalizeIp(options.getConnInfo(c).remote.address);
  return normalizeIp(platformAddress(c));
}

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}
interface BunServer {
  requestIP?: (req: Request) => { address: string } | null;
}

/** What @hono/node-server and Bun.serve hand the app as `c.env` (under `server` when it has bindings of its own). */
function platformAddress(c: Context): string | undefined {
  const env = c.env as (NodeBindings & BunServer & { server?: NodeBindings & BunServer }) | undefined;
  if (!env || typeof env !== 'object') return undefined;
  for (const b of [env, env.server]) {
    if (!b || typeof b !== 'object') continue;
    const socketAddress = b.incoming?.socket?.remoteAddress;
    if (typeof socketAddress === 'string') return socketAddress;
    if (typeof b.requestIP === 'function') return b.requestIP(c.req.raw)?.address;
  }
  return undefined;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f:]*:[0-9a-f:.]*$/i;

/** An address as the service's `sourceIp` takes it: IPv4-mapped IPv6 as IPv4, no zone; otherwise undefined. */
export function normalizeIp(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  let ip = raw.trim();
  const zone = ip.indexOf('%');
  if (zone >= 0) ip = ip.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) ip = mapped[1]!;
  if (IPV4.test(ip)) return ip;
  return ip.length <= 45 && IPV6.test(ip) ? ip.toLowerCase() : undefined;
}

// IpAddress / NotIpAddress: IPv4 and IPv6 addresses against CIDR blocks (a bare address is a /32 or
// /128). Hand-written because it is small and must be exact: no regex over addresses, no libraries.
// An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) is compared as the IPv4 address it carries.

import { InvalidValue, plainText, type OperatorFamily } from './family';

/** An address as 16-bit groups: 2 for IPv4, 8 for IPv6. */
export interface IpAddress {
  readonly groups: readonly number[];
}

export interface Cidr {
  readonly groups: readonly number[];
  readonly prefix: number;
}

export function parseIpv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const p of parts) {
    if (p.length === 0 || p.length > 3) return undefined;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
    }
    const n = Number(p);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  const [a = 0, b = 0, c = 0, d = 0] = bytes;
  return [(a << 8) | b, (c << 8) | d];
}

function parseGroup(g: string): number | undefined {
  if (g.length === 0 || g.length > 4) return undefined;
  let n = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g.charCodeAt(i);
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (v < 0) return undefined;
    n = n * 16 + v;
  }
  return n;
}

export function parseIpv6(s: string): number[] | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const side = (text: string | undefined): number[] | undefined => {
    if (text === undefined || text === '') return [];
    const out: number[] = [];
    const groups = text.split(':');
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i] ?? '';
      if (i === groups.length - 1 && g.includes('.')) {
        const v4 = parseIpv4(g);
        if (v4 === undefined) return undefined;
        out.push(...v4);
      } else {
        const n = parseGroup(g);
        if (n === undefined) return undefined;
        out.push(n);
      }
    }
    return out;
  };
  const left = side(halves[0]);
  const right = side(halves[1]);
  if (left === undefined || right === undefined) return undefined;
  if (halves.length === 1) return left.length === 8 ? left : undefined;
  const fill = 8 - left.length - right.length;
  if (fill < 1) return undefined;
  return [...left, ...new Array<number>(fill).fill(0), ...right];
}

/** Parses an address; IPv4-mapped IPv6 becomes IPv4. */
export function parseIp(s: string): IpAddress | undefined {
  const text = s.trim();
  const groups = text.includes(':') ? parseIpv6(text) : parseIpv4(text);
  if (groups === undefined) return undefined;
  if (groups.length === 8 && groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return { groups: groups.slice(6) };
  }
  return { groups };
}

export function parseCidr(s: string): Cidr | undefined {
  const text = s.trim();
  const slash = text.indexOf('/');
  const ip = parseIp(slash === -1 ? text : text.slice(0, slash));
  if (ip === undefined) return undefined;
  const max = ip.groups.length * 16;
  if (slash === -1) return { groups: ip.groups, prefix: max };
  const p = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(p) || Number(p) > max) return undefined;
  return { groups: ip.groups, prefix: Number(p) };
}

export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.groups.length !== ip.groups.length) return false;
  let bits = cidr.prefix;
  for (let i = 0; bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if (((cidr.groups[i] ?? 0) & mask) !== ((ip.groups[i] ?? 0) & mask)) return false;
  }
  return true;
}

export const ipAddress: OperatorFamily<Cidr, IpAddress> = {
  policyValue: (parts) => {
    const text = plainText(parts);
    return parseCidr(text) ?? new InvalidValue(`\`${text}\` is not an IP address or CIDR block`);
  },
  requestValue: parseIp,
  test: (request, policy) => cidrContains(policy, request),
  variables: false,
  lowerCase: false,
  expects: 'an IP address',
};

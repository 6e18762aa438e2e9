// Threat: a client claiming another address (to pass an aws:SourceIp condition, or to dodge per-address
// lockout) by sending the header itself, where no trusted proxy replaces it.
import { describe, expect, it } from 'vitest';
import { clientInfo, clientIpSource } from './client-info';

const req = (headers: Record<string, string>) => new Request('https://iam.example.com/', { headers });

describe('client address from a trusted source only', () => {
  it('behind Cloudflare (the default) reads CF-Connecting-IP, which the edge sets', () => {
    expect(clientInfo(req({ 'cf-connecting-ip': '203.0.113.7' }), {}).sourceIp).toBe('203.0.113.7');
  });

  it('spoofed client IP header: with CLIENT_IP_SOURCE=none no address is believed', () => {
    const spoofed = req({ 'cf-connecting-ip': '10.0.0.1', 'x-forwarded-for': '10.0.0.1' });
    expect(clientInfo(spoofed, { CLIENT_IP_SOURCE: 'none' }).sourceIp).toBeNull();
  });

  it('refuses a setting it does not know instead of guessing', () => {
    expect(() => clientIpSource({ CLIENT_IP_SOURCE: 'x-forwarded-for' })).toThrow('CLIENT_IP_SOURCE must be');
  });

  it('tells https from http for aws:SecureTransport', () => {
    expect(clientInfo(req({}), {}).secure).toBe(true);
    expect(clientInfo(new Request('http://localhost:8787/'), {}).secure).toBe(false);
  });
});

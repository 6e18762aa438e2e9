// The signing keys of an OpenID Connect provider, for AssumeRoleWithWebIdentity: its discovery
// document (`<issuer>/.well-known/openid-configuration`) names its `jwks_uri`, which lists the keys.
// Both are fetched only over https (http only for a loopback provider while the service itself runs
// on a loopback origin), never following redirects, with a timeout and a size cap, and the keys are
// cached in isolate memory. A token whose `kid` the cached keys lack makes the caller ask again with
// `fresh` (the provider may have rotated its keys); such refetches are rate-limited per provider, so
// tokens naming random kids cannot turn this worker into a fetch loop against the provider.
// This service's own issuer is read from D1 (publishedJwks), never fetched from itself.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import type { JSONWebKeySet } from 'jose';
import { publishedJwks } from '@edge-iam/core/repo';
import { isLoopbackHost, type FederationContext } from './federation-context';

/** How long fetched keys are trusted before they are fetched again. */
const KEYS_TTL_MS = 10 * 60_000;
/** Refetches for an unknown kid allowed per provider per minute. */
const MAX_REFETCHES_PER_MINUTE = 3;
const FETCH_TIMEOUT_MS = 5_000;
const MAX_DOCUMENT_BYTES = 256 * 1024;
const MAX_CACHED_PROVIDERS = 1_000;

const UNREACHABLE =
  'The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached. ' +
  'This is often a transient error caused by network conditions. Retry the request a limited number of times.';
const NO_KEYS =
  "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";

interface Cached {
  jwks: JSONWebKeySet;
  fetchedAt: number;
  /** when the last unknown-kid refetches happened (for the rate limit) */
  refetches: number[];
}
const cache = new Map<string, Cached>();

const discoveryShape = z.object({ issuer: z.string(), jwks_uri: z.string() });
const jwksShape = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });

/** Whether `url` may be fetched: https, or http to a loopback host while the service runs on one. */
export function fetchableUrl(url: string, loopbackAllowed: boolean): boolean {
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  if (u.username || u.password) return false;
  if (u.protocol === 'https:') return true;
  return u.protocol === 'http:' && loopbackAllowed && isLoopbackHost(u.hostname);
}

/** GETs a small JSON document; IDPCommunicationError when the provider cannot be reached, InvalidIdentityToken when it answers wrongly. */
async function fetchJson(url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, redirect: 'manual', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch {
    throw new IamError('IDPCommunicationError', UNREACHABLE);
  }
  if (res.status >= 500) throw new IamError('IDPCommunicationError', UNREACHABLE);
  if (res.status !== 200) throw new IamError('InvalidIdentityToken', NO_KEYS);
  const body = new Uint8Array(await res.arrayBuffer());
  if (body.byteLength > MAX_DOCUMENT_BYTES) throw new IamError('InvalidIdentityToken', NO_KEYS);
  try {
    return JSON.parse(new TextDecoder().decode(body)) as unknown;
  } catch {
    throw new IamError('InvalidIdentityToken', NO_KEYS);
  }
}

/** The provider's keys from its discovery document and jwks_uri. */
async function fetchProviderKeys(issuer: string, loopbackAllowed: boolean): Promise<JSONWebKeySet> {
  const discovery = discoveryShape.safeParse(await fetchJson(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`));
  // OpenID Connect Discovery 1.0 §4.3: the document's issuer must be the issuer it was fetched for.
  if (!discovery.success || discovery.data.issuer !== issuer || !fetchableUrl(discovery.data.jwks_uri, loopbackAllowed)) {
    throw new IamError('InvalidIdentityToken', NO_KEYS);
  }
  const jwks = jwksShape.safeParse(await fetchJson(discovery.data.jwks_uri));
  if (!jwks.success) throw new IamError('InvalidIdentityToken', NO_KEYS);
  return jwks.data as unknown as JSONWebKeySet;
}

/**
 * The keys that verify tokens of `issuer`. `fresh`: the cached keys lacked the token's kid; fetch
 * again unless the provider was refetched too often in the last minute (then the cached keys stand).
 */
export async function providerKeys(ctx: FederationContext, issuer: string, fresh: boolean): Promise<JSONWebKeySet> {
  if (ctx.settings.ownIssuer !== null && issuer === ctx.settings.ownIssuer) return publishedJwks(ctx.db, ctx.now);
  if (!fetchableUrl(issuer, ctx.settings.loopback)) throw new IamError('InvalidIdentityToken', NO_KEYS);
  const now = ctx.now.getTime();
  const hit = cache.get(issuer);
  if (hit && now - hit.fetchedAt < KEYS_TTL_MS) {
    if (!fresh) return hit.jwks;
    hit.refetches = hit.refetches.filter((t) => now - t < 60_000);
    if (hit.refetches.length >= MAX_REFETCHES_PER_MINUTE) return hit.jwks;
    hit.refetches.push(now);
  }
  const jwks = await fetchProviderKeys(issuer, ctx.settings.loopback);
  if (cache.size >= MAX_CACHED_PROVIDERS && !cache.has(issuer)) cache.delete(cache.keys().next().value!);
  cache.set(issuer, { jwks, fetchedAt: now, refetches: hit?.refetches ?? [] });
  return jwks;
}

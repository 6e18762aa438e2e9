// The SigV4 canonical request and string to sign, built from a request exactly as it was received.
// Both the verifier and tests that sign requests use these, so "what we check" and "what a signer
// must produce" cannot drift apart. Rules are those of every AWS service except S3: the path is
// normalized and its (already percent-encoded) segments are encoded a second time.

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Headers as a Fetch `Headers`, a plain record, or name/value pairs (which keep repeated names apart). */
export type HeaderInput = Headers | Record<string, string> | ReadonlyArray<readonly [string, string]>;

const encoder = new TextEncoder();
const HEX = '0123456789ABCDEF';

/** RFC 3986 encoding as SigV4 defines it: every byte except A-Z a-z 0-9 - _ . ~ becomes %XX. */
export function uriEncode(value: string): string {
  let out = '';
  // Byte-wise over UTF-8 so a lone surrogate cannot throw (TextEncoder substitutes U+FFFD).
  for (const b of encoder.encode(value)) {
    const unreserved =
      (b >= 0x41 && b <= 0x5a) ||
      (b >= 0x61 && b <= 0x7a) ||
      (b >= 0x30 && b <= 0x39) ||
      b === 0x2d ||
      b === 0x5f ||
      b === 0x2e ||
      b === 0x7e;
    out += unreserved ? String.fromCharCode(b) : `%${HEX[b >> 4]}${HEX[b & 15]}`;
  }
  return out;
}

/** Percent-decoding that never throws: a malformed escape is kept literally (it then cannot match). */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Splits a URL string into authority, path and query without normalizing anything, because the
 * signer saw the path and query as sent; `new URL()` would re-encode or resolve them first.
 */
export function splitUrl(url: string): { authority: string; path: string; query: string } {
  const scheme = url.indexOf('://');
  const rest = scheme >= 0 ? url.slice(scheme + 3) : url;
  const hash = rest.indexOf('#');
  const noFragment = hash >= 0 ? rest.slice(0, hash) : rest;
  const qmark = noFragment.indexOf('?');
  const beforeQuery = qmark >= 0 ? noFragment.slice(0, qmark) : noFragment;
  const query = qmark >= 0 ? noFragment.slice(qmark + 1) : '';
  const slash = scheme >= 0 ? beforeQuery.indexOf('/') : 0;
  const authority = slash >= 0 ? beforeQuery.slice(0, slash) : beforeQuery;
  const path = slash >= 0 ? beforeQuery.slice(slash) : '';
  return { authority, path: path === '' ? '/' : path, query };
}

/**
 * Canonical URI for non-S3 services: remove empty, "." and ".." segments (as the AWS SDKs do before
 * signing), then URI-encode each segment of the received path. The received path is already
 * percent-encoded once, so `%` becomes `%25`: that is AWS's "encode twice" rule.
 */
export function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(uriEncode(segment));
  }
  if (segments.length === 0) return '/';
  return `/${segments.join('/')}${rawPath.endsWith('/') ? '/' : ''}`;
}

/**
 * Canonical query string: every parameter decoded then re-encoded with `uriEncode`, sorted by name
 * and then by value. `X-Amz-Signature` is left out because in a presigned URL it is the output.
 */
export function canonicalQuery(rawQuery: string): string {
  const pairs: Array<[string, string]> = [];
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = safeDecode(eq >= 0 ? piece.slice(0, eq) : piece);
    if (name.toLowerCase() === 'x-amz-signature') continue;
    const value = eq >= 0 ? safeDecode(piece.slice(eq + 1)) : '';
    pairs.push([uriEncode(name), uriEncode(value)]);
  }
  // Encoded strings are ASCII, so code-unit order is byte order as the spec requires.
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

/** Lowercase header name -> every value received under it, in order. */
export function headerMap(headers: HeaderInput): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const add = (name: string, value: string) => {
    const key = name.toLowerCase();
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  if (headers instanceof Headers) headers.forEach((value, name) => add(name, value));
  else if (Array.isArray(headers)) for (const [name, value] of headers) add(name, value);
  else for (const [name, value] of Object.entries(headers as Record<string, string>)) add(name, value);
  return map;
}

/**
 * Trim and collapse runs of spaces/tabs (line breaks count as spaces), as the SDK signers do. Only
 * ASCII whitespace: `trim()` would also eat U+00A0 and disagree with every signer.
 */
function canonicalHeaderValue(value: string): string {
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

/**
 * The canonical headers block: exactly the headers named in SignedHeaders, in that order, with the
 * values as received. `host` falls back to the URL authority for runtimes that do not expose it.
 */
export function canonicalHeaders(headers: Map<string, string[]>, signedHeaders: readonly string[], authority = ''): string {
  let out = '';
  for (const name of signedHeaders) {
    const values = headers.get(name) ?? (name === 'host' && authority !== '' ? [authority] : []);
    out += `${name}:${values.map(canonicalHeaderValue).join(',')}\n`;
  }
  return out;
}

export interface CanonicalRequestInput {
  method: string;
  /** Full URL as received (scheme://host:port/path?query); path and query are used verbatim. */
  url: string;
  headers: HeaderInput;
  /** Lowercase names, in the order the signer listed them. */
  signedHeaders: readonly string[];
  /** Hex SHA-256 of the payload. */
  payloadHash: string;
}

export function canonicalRequest(input: CanonicalRequestInput): string {
  const { authority, path, query } = splitUrl(input.url);
  return [
    input.method.toUpperCase(),
    canonicalUri(path),
    canonicalQuery(query),
    canonicalHeaders(headerMap(input.headers), input.signedHeaders, authority),
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
}

export interface CredentialScope {
  /** YYYYMMDD */
  date: string;
  region: string;
  service: string;
}

export function scopeString(scope: CredentialScope): string {
  return `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
}

export function stringToSign(amzDate: string, scope: CredentialScope, canonicalRequestSha256: string): string {
  return [ALGORITHM, amzDate, scopeString(scope), canonicalRequestSha256].join('\n');
}

// AWS-style pagination: MaxItems (default 100) and an opaque Marker that names where the next page
// starts. The marker is the last returned sort key, base64url-encoded, so pages are index seeks
// (WHERE key > marker ORDER BY key LIMIT n+1), never OFFSET scans.
import { IamError } from '@edge-iam/core';
import { base64UrlToBytes, bytesToBase64Url, bytesToText, utf8 } from '@edge-iam/core/util';

export const DEFAULT_MAX_ITEMS = 100;

export const encodeMarker = (key: string) => bytesToBase64Url(utf8.encode(key));

export function decodeMarker(marker: string | undefined): string | undefined {
  if (marker === undefined) return undefined;
  try {
    return bytesToText(base64UrlToBytes(marker));
  } catch {
    throw new IamError('InvalidInput', 'Invalid Marker: use the Marker value from a previous response.');
  }
}

/** Splits a page fetched with limit+1 rows into the page and the response's pagination fields. */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => string) {
  const truncated = rows.length > limit;
  const items = truncated ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return {
    items,
    IsTruncated: truncated,
    Marker: truncated && last !== undefined ? encodeMarker(keyOf(last)) : undefined,
  };
}

// Tags on the two kinds of identity provider (OpenID Connect and SAML), shared by their Tag*, Untag*
// and List*Tags actions and by Create*: tags live in the tags table under the provider's ARN, at most
// 50 keys, no key twice in one request (AWS's checks, with its quota names).
import { IamError } from '@edge-iam/core';
import type { XmlStruct } from '@edge-iam/core/aws';
import { hasDuplicateKeys, type Tag } from '@edge-iam/core/repo';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';

const MAX_TAGS = 50;

export type ProviderKind = 'OpenIdConnectProvider' | 'SAMLProvider';

export function assertProviderTagsFit(existing: readonly Tag[], add: readonly Tag[], kind: ProviderKind): void {
  if (hasDuplicateKeys(add))
    throw new IamError('InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
  const keys = new Set([...existing, ...add].map((t) => t.Key.toLowerCase()));
  if (keys.size > MAX_TAGS) throw new IamError('LimitExceeded', `Cannot exceed quota for TagsPer${kind}: ${MAX_TAGS}.`);
}

/** One page of a provider's tags (List*ProviderTags), keyed by lowercased tag key. */
export function tagPage(tags: readonly Tag[], marker: string | undefined, maxItems: number | undefined): XmlStruct {
  const after = decodeMarker(marker);
  const rest = after === undefined ? [...tags] : tags.filter((t) => t.Key.toLowerCase() > after);
  const pg = page(rest, maxItems ?? DEFAULT_MAX_ITEMS, (t) => t.Key.toLowerCase());
  return { Tags: pg.items.map((t): XmlStruct => ({ Key: t.Key, Value: t.Value })), IsTruncated: pg.IsTruncated, Marker: pg.Marker };
}

/** Tags as a response lists them, or nothing when there are none (AWS leaves the element out). */
export const tagsElement = (tags: readonly Tag[]) =>
  tags.length > 0 ? tags.map((t): XmlStruct => ({ Key: t.Key, Value: t.Value })) : undefined;

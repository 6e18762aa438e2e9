// Reading the IAM API's Marker-paged lists for a page: every item (bounded), or the items a filter
// keeps (bounded, with "more" when the person should narrow it). The IAM API has no name filter, so
// names are read in pages of 1,000 and filtered here. A list the person may not read comes back from
// `scan` as the API's message, shown in its place, not as an error page.
import { isIamError } from '@edge-iam/core';
import type { ConsoleContext } from './env';
import type { QueryParams } from './iam-api';

// Ten pages of a thousand is far past any account this console is for; the cap keeps a page bounded.
const MAX_PAGES = 10;

/** Every item of a Marker-paged list action (`key` is the list's element, e.g. `Groups`). */
export async function listAll<T>(c: ConsoleContext, action: string, params: QueryParams, key: string): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const r = await c.var.iam.call<Record<string, unknown>>(action, { ...params, MaxItems: 1000, Marker: marker });
    out.push(...((r[key] as T[] | undefined) ?? []));
    if (r.IsTruncated !== true || typeof r.Marker !== 'string') break;
    marker = r.Marker;
  }
  return out;
}

export interface Choices<T> {
  items: T[];
  /** more matched than are shown, or the bounded read stopped: narrow the filter */
  more: boolean;
  /** the API's refusal, e.g. AccessDenied for iam:ListGroups */
  denied?: string;
}

const BATCH = 1000;
const MAX_BATCHES = 5;
const SHOWN = 100;

export async function scan<T>(
  c: ConsoleContext,
  action: string,
  params: QueryParams,
  listKey: string,
  keep: (item: T) => boolean,
  shown = SHOWN,
): Promise<Choices<T>> {
  const items: T[] = [];
  let marker: string | undefined;
  try {
    for (let i = 0; i < MAX_BATCHES; i++) {
      const r = await c.var.iam.call<Record<string, unknown>>(action, { ...params, MaxItems: BATCH, Marker: marker });
      for (const item of (r[listKey] as T[] | undefined) ?? []) {
        if (!keep(item)) continue;
        if (items.length === shown) return { items, more: true };
        items.push(item);
      }
      if (!r.IsTruncated || typeof r.Marker !== 'string') return { items, more: false };
      marker = r.Marker;
    }
    return { items, more: true };
  } catch (e) {
    if (isIamError(e) && e.status < 500) return { items: [], more: false, denied: e.message };
    throw e;
  }
}

// What the permissions step offers to choose from: groups (ListGroups), managed policies (ListPolicies,
// Scope=All: AWS's and the account's own) and users to copy from (ListUsers), each filtered by a name
// the person typed. The IAM API has no name filter, so names are read in pages of 1,000 and filtered
// here, up to a bound per request; a person with many entities narrows with the filter. A list the
// person may not read comes back as the API's message, shown in its place, not as an error page.
import { isIamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../../env';
import type { QueryParams } from '../../../iam-api';

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

async function scan<T>(
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

const contains = (name: string, filter: string) => name.toLowerCase().includes(filter.toLowerCase());

export interface GroupChoice {
  GroupName: string;
}
export interface PolicyChoice {
  PolicyName: string;
  Arn: string;
  Description?: string;
}
export interface UserChoice {
  UserName: string;
}

export const groupChoices = (c: ConsoleContext, filter: string) =>
  scan<GroupChoice>(c, 'ListGroups', {}, 'Groups', (g) => contains(g.GroupName, filter));

export const policyChoices = (c: ConsoleContext, filter: string) =>
  scan<PolicyChoice>(c, 'ListPolicies', { Scope: 'All' }, 'Policies', (p) => contains(p.PolicyName, filter));

export const userChoices = (c: ConsoleContext, filter: string) =>
  scan<UserChoice>(c, 'ListUsers', {}, 'Users', (u) => contains(u.UserName, filter), 20);

/** An ARN's policy name (AWS-managed and customer-managed ARNs end in the name). */
export const policyNameOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

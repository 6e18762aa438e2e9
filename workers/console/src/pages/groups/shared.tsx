// What the user-group pages share: the IAM API's shapes they read, AWS's naming rules checked before
// any call (so obviously bad input costs no request and changes nothing), the searchable policy list
// that both "create group" and "attach policies" offer, and applying one change to many items.
import type { FC } from 'hono/jsx';
import type { IamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../env';
import { attempt, encode } from '../../render';
import { Checkbox, TextField } from '../../ui/components';

export interface Group {
  GroupName: string;
  GroupId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
}
export interface IamUser {
  UserName: string;
  Arn: string;
  CreateDate: string;
}
export interface Policy {
  PolicyName: string;
  Arn: string;
  Description?: string;
}
export interface AttachedPolicy {
  PolicyName: string;
  PolicyArn: string;
}

export const groupPath = (name: string) => `/console/groups/${encode(name)}`;

/** AWS's GroupName (and PolicyName) rule: 1-128 of [\w+=,.@-]. */
export function nameProblem(name: string, what: string): string | undefined {
  if (!name) return `Enter a ${what}`;
  if (name.length > 128) return `The ${what} must be 128 characters or fewer`;
  if (!/^[\w+=,.@-]+$/.test(name)) return `The ${what} may contain only letters, digits and + = , . @ _ -`;
  return undefined;
}

/** AWS's Path rule: `/` or `/text/` of printable ASCII, at most 512 characters. */
export function pathProblem(path: string): string | undefined {
  if (!path) return undefined;
  if (path.length > 512 || !/^(\/|\/[\u0021-\u007E]+\/)$/.test(path))
    return 'Enter a path that starts and ends with / (for example /teams/)';
  return undefined;
}

const matches = (filter: string) => (name: string) => !filter || name.toLowerCase().includes(filter.toLowerCase());

// The searchable lists read at most this many items from the API and show at most SHOWN of the matches:
// enough for an account's policies and users, small enough for one page a person can scan.
const READ_MAX = 1000;
export const SHOWN = 100;

/** Every policy the account can attach (its own and AWS managed), narrowed by a name filter. */
export async function findPolicies(c: ConsoleContext, filter: string) {
  const out = await c.var.iam.call<{ Policies?: Policy[]; IsTruncated?: boolean }>('ListPolicies', { Scope: 'All', MaxItems: READ_MAX });
  const found = (out.Policies ?? []).filter((p) => matches(filter)(p.PolicyName));
  return { policies: found, more: out.IsTruncated === true };
}

/** Users of the account, narrowed by a name filter. */
export async function findUsers(c: ConsoleContext, filter: string) {
  const out = await c.var.iam.call<{ Users?: IamUser[]; IsTruncated?: boolean }>('ListUsers', { MaxItems: READ_MAX });
  return { users: (out.Users ?? []).filter((u) => matches(filter)(u.UserName)), more: out.IsTruncated === true };
}

export const isAwsManaged = (arn: string) => arn.startsWith('arn:aws:iam::aws:policy/');

/**
 * A GET form that narrows a list by name. It is its own form (forms cannot nest), so `keep` carries
 * what the person already typed on the page into the filtered one.
 */
export const FilterForm: FC<{ action: string; label: string; value: string; keep?: Record<string, string> }> = (p) => (
  <form method="get" action={p.action} class="group-filter" role="search">
    {Object.entries(p.keep ?? {}).map(([k, v]) => (v ? <input type="hidden" name={k} value={v} /> : null))}
    <TextField label={p.label} name="filter" type="search" value={p.value} />
    <button type="submit" class="secondary">
      Filter
    </button>
    {p.value ? <a href={p.action}>Clear filter</a> : null}
  </form>
);

/** Policies as checkboxes (value: the ARN); the ones already chosen stay listed even when filtered out. */
export const PolicyChecklist: FC<{
  policies: readonly Policy[];
  chosen: readonly string[];
  more: boolean;
  legend: string;
  error?: string | undefined;
}> = ({ policies, chosen, more, legend, error }) => {
  const shown = policies.slice(0, SHOWN);
  return (
    <fieldset class={error ? 'field has-error group-picks' : 'field group-picks'} id="policy">
      <legend>{legend}</legend>
      {error ? <p class="field-error">{error}</p> : null}
      {shown.length === 0 ? <p class="muted">No policies match the filter.</p> : null}
      {shown.map((p) => (
        <Checkbox
          name="policy"
          value={p.Arn}
          id={`policy-${p.Arn}`}
          checked={chosen.includes(p.Arn)}
          label={p.PolicyName}
          hint={isAwsManaged(p.Arn) ? 'AWS managed' : 'Customer managed'}
        />
      ))}
      {chosen
        .filter((arn) => !shown.some((p) => p.Arn === arn))
        .map((arn) => (
          <Checkbox name="policy" value={arn} id={`policy-${arn}`} checked label={arn.split('/').pop()} hint="Chosen earlier" />
        ))}
      {policies.length > SHOWN || more ? (
        <p class="hint">
          Showing {shown.length} of {more ? 'more than ' : ''}
          {policies.length} policies. Narrow the filter to find others.
        </p>
      ) : null}
    </fieldset>
  );
};

export interface EachResult {
  done: string[];
  failed?: { item: string; error: IamError };
}

/** Applies one API change to each item in turn, stopping at the first refusal (what was done stays done). */
export async function applyEach(items: readonly string[], work: (item: string) => Promise<unknown>): Promise<EachResult> {
  const done: string[] = [];
  for (const item of items) {
    const r = await attempt(() => work(item));
    if (!r.ok) return { done, failed: { item, error: r.error } };
    done.push(item);
  }
  return { done };
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export { RowButton } from '../../ui/components';

export { readablePolicy as prettyPolicy } from '../../ui/components';

// What the role pages share: the IAM API's shapes they read, the pages' addresses, AWS's rules for a
// role's name, path, description, session duration and tags (checked before any call, so bad input
// costs no request and changes nothing), and how a refused form answers.
import type { IamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../env';
import { attempt, encode, statusFor } from '../../render';
import type { FieldErrors } from '../../ui/components';

// A type, not an interface: it must fit the IAM client's structure-list parameter (an index signature).
export type Tag = { Key: string; Value: string };

export interface Role {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  /** URL-encoded, as AWS returns it */
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  PermissionsBoundary?: { PermissionsBoundaryArn: string; PermissionsBoundaryType: string };
  Tags?: Tag[];
  RoleLastUsed?: { LastUsedDate?: string; Region?: string };
}

export interface AttachedPolicy {
  PolicyName: string;
  PolicyArn: string;
}

export interface PolicyChoice {
  PolicyName: string;
  Arn: string;
  Description?: string;
}

export const roleUrl = (name: string, rest = '') => `/console/roles/${encode(name)}${rest}`;
export const ROLES_CRUMB = ['Roles', '/console/roles'] as const;

export const getRole = async (c: ConsoleContext, name: string) =>
  (await c.var.iam.call<{ Role: Role }>('GetRole', { RoleName: name })).Role;

// Service-linked roles live here; the service owns their trust, permissions and existence, so AWS's
// console (and the API, UnmodifiableEntity) allows only their description and tags to change.
export const SERVICE_LINKED_PATH = '/aws-service-role/';
export const isServiceLinked = (r: { Path: string }) => r.Path.startsWith(SERVICE_LINKED_PATH);

/** AWS's default quotas: managed policies attached to one role, tags on one role. */
export const MAX_ATTACHED = 10;
export const MAX_TAGS = 50;
/** MaxSessionDuration: one to twelve hours, in seconds. */
export const MIN_SESSION = 3600;
export const MAX_SESSION = 43200;

const NAME = /^[\w+=,.@-]+$/;
const PATH = /^(\/|\/[\u0021-\u007E]+\/)$/;
const DESCRIPTION = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** RoleName: 1-64 of letters, digits and + = , . @ _ -. */
export function roleNameProblem(name: string): string | undefined {
  if (!name) return 'Enter a role name';
  if (name.length > 64) return 'The role name must be 64 characters or fewer';
  if (!NAME.test(name)) return 'The role name may contain only letters, digits and + = , . @ _ -';
  return undefined;
}

/** PolicyName of an inline policy: 1-128 of the same characters. */
export function policyNameProblem(name: string): string | undefined {
  if (!name) return 'Enter a policy name';
  if (name.length > 128) return 'The policy name must be 128 characters or fewer';
  if (!NAME.test(name)) return 'The policy name may contain only letters, digits and + = , . @ _ -';
  return undefined;
}

export function pathProblem(path: string): string | undefined {
  if (!path) return undefined;
  if (path.length > 512 || !PATH.test(path) || path.includes('//'))
    return 'Enter a path that starts and ends with / (for example /ci/), or leave it empty';
  if (path.startsWith(SERVICE_LINKED_PATH)) return `The path ${SERVICE_LINKED_PATH} is reserved for service-linked roles`;
  return undefined;
}

export function descriptionProblem(text: string): string | undefined {
  if (text.length > 1000) return 'The description must be 1,000 characters or fewer';
  if (!DESCRIPTION.test(text)) return 'The description may contain only Latin-1 letters, digits, punctuation and spaces';
  return undefined;
}

/** The maximum session duration a form posted, in seconds, or a message. */
export function readSessionDuration(raw: string): { seconds: number } | { problem: string } {
  const seconds = /^\d{4,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(seconds >= MIN_SESSION && seconds <= MAX_SESSION))
    return { problem: 'Choose a maximum session duration between 1 hour and 12 hours (3,600 to 43,200 seconds)' };
  return { seconds };
}

/** 5400 → "1 hour 30 minutes". */
export function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const parts = [h ? `${h} hour${h === 1 ? '' : 's'}` : '', m ? `${m} minute${m === 1 ? '' : 's'}` : ''].filter(Boolean);
  return parts.join(' ') || `${seconds} seconds`;
}

/** A tag key's problem (`n` names the tag in the message), AWS's tagKeyType. */
export function tagKeyProblem(key: string, n = ''): string | undefined {
  const which = n ? `Key of tag ${n}` : 'The key';
  if (!key) return n ? `Enter a key for tag ${n}, or clear its value` : 'Enter a tag key';
  if (key.length > 128) return `${which} must be 128 characters or fewer`;
  if (!TAG_TEXT.test(key)) return `${which} may contain only letters, digits, spaces and _ . : / = + - @`;
  return undefined;
}

export function tagValueProblem(value: string, n = ''): string | undefined {
  const which = n ? `Value of tag ${n}` : 'The value';
  if (value.length > 256) return `${which} must be 256 characters or fewer`;
  if (!TAG_TEXT.test(value)) return `${which} may contain only letters, digits, spaces and _ . : / = + - @`;
  return undefined;
}

/** A list of tags as rows `tag-key-<i>` / `tag-value-<i>`: each row's problems, keys unique ignoring case. */
export function tagRowErrors(tags: readonly Tag[]): FieldErrors {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  if (tags.length > MAX_TAGS) errors['tag-key-0'] = `A role can have at most ${MAX_TAGS} tags`;
  tags.forEach((t, i) => {
    const n = String(i + 1);
    const key =
      tagKeyProblem(t.Key, n) ?? (seen.has(t.Key.toLowerCase()) ? `Tag ${n} repeats the key ${t.Key}: use each key once` : undefined);
    if (key) errors[`tag-key-${i}`] = key;
    seen.add(t.Key.toLowerCase());
    const value = tagValueProblem(t.Value, n);
    if (value) errors[`tag-value-${i}`] = value;
  });
  return errors;
}

/** What a refused form brings back to its page: a message, field messages, the values typed, a status. */
export interface Problem {
  message?: string | undefined;
  errors?: FieldErrors;
  values?: Record<string, string>;
  status: 400 | 403 | 404 | 409 | 429;
}

export const apiProblem = (e: IamError, values?: Record<string, string>): Problem => ({
  message: e.message,
  status: statusFor(e),
  ...(values ? { values } : {}),
});

export const fieldProblem = (errors: FieldErrors, values?: Record<string, string>): Problem => ({
  errors,
  status: 400,
  ...(values ? { values } : {}),
});

export interface EachResult {
  done: string[];
  failed?: { item: string; error: IamError };
}

/** Applies one change to each item in turn, stopping at the first refusal (what was done stays done). */
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

/** An ARN's last segment: a policy's or role's name. */
export const nameOfArn = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

export const contains = (name: string, filter: string) => name.toLowerCase().includes(filter.toLowerCase());

/** The sections of the role page, each an in-page anchor. */
export type RoleSection = 'summary' | 'trust' | 'permissions' | 'tags' | 'delete';

/** Post/redirect/get to a section of the role page; the notice rides in the query, the section in the fragment. */
export function backToSection(c: ConsoleContext, name: string, section: RoleSection, notice: string): Response {
  return c.redirect(`${roleUrl(name)}?notice=${encode(notice.slice(0, 300))}#${section}`, 303);
}

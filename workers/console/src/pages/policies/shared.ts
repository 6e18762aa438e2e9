// What the policy pages share: the IAM API's shapes they read, the area's addresses (a policy is named
// by its ARN, which holds slashes, so every policy page takes it as `?arn=`), the policy types as the
// AWS console names them, and AWS's rules for names, paths, descriptions and tags, checked before any
// call so that obviously bad input costs no request and changes nothing.
import { IamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../env';
import type { FieldErrors } from '../../ui/components';

export interface Policy {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  AttachmentCount: number;
  PermissionsBoundaryUsageCount: number;
  IsAttachable: boolean;
  Description?: string;
  CreateDate: string;
  UpdateDate: string;
}

export interface PolicyVersion {
  VersionId: string;
  IsDefaultVersion: boolean;
  CreateDate: string;
  /** URL-encoded, as AWS sends it (GetPolicyVersion only) */
  Document?: string;
}

// A type, not an interface: the IAM client's structure parameters are string records.
export type Tag = { Key: string; Value: string };

/** What a refused change brings back to a page: the API's message, field messages, under a status. */
export interface Problem {
  message?: string | undefined;
  errors?: FieldErrors | undefined;
  status: 400 | 403 | 404 | 409 | 429;
}

export const BASE = '/console/policies';

/** A policy page's address: `/console/policies/<page>?arn=...` plus any other query values. */
export function policyUrl(page: string, arn: string, extra: Record<string, string> = {}, hash = ''): string {
  const q = new URLSearchParams({ arn, ...extra });
  return `${BASE}/${page}?${q}${hash ? `#${hash}` : ''}`;
}

export const viewUrl = (arn: string, hash = '') => policyUrl('view', arn, {}, hash);

/** Where the other areas show an entity the policy is attached to. */
export const entityUrl = (kind: EntityKind, name: string) => `/console/${kind}s/${encodeURIComponent(name)}`;

/** The `?arn=` of a policy route; without one there is no policy to show (the API's words for a bad one). */
export function arnOf(c: ConsoleContext): string {
  const arn = (c.req.query('arn') ?? '').trim();
  if (!arn) throw new IamError('InvalidInput', 'No policy was named: the address needs ?arn= and the policy ARN.');
  return arn.slice(0, 2048);
}

export const isAwsManaged = (arn: string) => arn.startsWith('arn:aws:iam::aws:policy/');

export type PolicyType = 'aws' | 'job-function' | 'customer';

export const policyType = (p: Pick<Policy, 'Arn' | 'Path'>): PolicyType =>
  !isAwsManaged(p.Arn) ? 'customer' : p.Path === '/job-function/' ? 'job-function' : 'aws';

export const TYPE_LABEL: Record<PolicyType, string> = {
  aws: 'AWS managed',
  'job-function': 'AWS managed – job function',
  customer: 'Customer managed',
};

export async function getPolicy(c: ConsoleContext, arn: string): Promise<Policy> {
  return (await c.var.iam.call<{ Policy: Policy }>('GetPolicy', { PolicyArn: arn })).Policy;
}

/** AWS-managed policies belong to AWS: pages that would change one answer with this instead. */
export const READ_ONLY_MESSAGE =
  'AWS managed policies cannot be changed. To start from one, copy its JSON into a new customer managed policy.';

export type EntityKind = 'user' | 'group' | 'role';
export const ENTITY_KINDS: readonly EntityKind[] = ['user', 'group', 'role'];
export const KIND_TITLE: Record<EntityKind, string> = { user: 'User', group: 'Group', role: 'Role' };
/** The Attach/Detach action and name parameter of each kind: AttachUserPolicy with UserName, ... */
export const kindParam = (kind: EntityKind) => `${KIND_TITLE[kind]}Name`;

// AWS's rules, as workers/identity/src/params.ts states them.
const NAME = /^[\w+=,.@-]+$/;
const DESCRIPTION = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const MAX_TAGS = 50;
// The API's PolicyDocument limit; the managed-policy quota (6,144 non-whitespace characters) is the API's to report.
export const MAX_DOCUMENT = 131072;

export function nameProblem(name: string): string | undefined {
  if (!name) return 'Enter a policy name';
  if (name.length > 128) return 'The policy name must be 128 characters or fewer';
  if (!NAME.test(name)) return 'The policy name may contain only letters, digits and + = , . @ _ -';
  return undefined;
}

export function pathProblem(path: string): string | undefined {
  if (!path) return undefined;
  if (path.length > 512 || !/^(\/|\/[\u0021-\u007E]+\/)$/.test(path) || path.includes('//'))
    return 'Enter a path that starts and ends with / (for example /teams/), without spaces or empty parts';
  return undefined;
}

export function descriptionProblem(text: string): string | undefined {
  if (text.length > 1000) return 'The description must be 1,000 characters or fewer';
  if (!DESCRIPTION.test(text)) return 'The description may contain only Latin-1 letters, digits, spaces and punctuation';
  return undefined;
}

export function documentProblem(text: string): string | undefined {
  if (!text) return 'Enter the policy document';
  if (text.length > MAX_DOCUMENT) return `The policy document must be ${MAX_DOCUMENT.toLocaleString('en')} characters or fewer`;
  return undefined;
}

/** One tag's problems, keyed by its fields' names (`key`/`value` are the input names). */
export function tagProblems(tag: Tag, names: { key: string; value: string }, n?: number): Record<string, string> {
  const which = n === undefined ? 'The tag' : `Tag ${n}`;
  const out: Record<string, string> = {};
  if (!tag.Key) out[names.key] = n === undefined ? 'Enter a tag key' : `Enter a key for tag ${n}, or clear its value`;
  else if (tag.Key.length > 128) out[names.key] = `${which}'s key must be 128 characters or fewer`;
  else if (!TAG_TEXT.test(tag.Key)) out[names.key] = `${which}'s key may contain only letters, digits, spaces and _ . : / = + - @`;
  if (tag.Value.length > 256) out[names.value] = `${which}'s value must be 256 characters or fewer`;
  else if (!TAG_TEXT.test(tag.Value)) out[names.value] = `${which}'s value may contain only letters, digits, spaces and _ . : / = + - @`;
  return out;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

// What the role page shows, read through the IAM API as the signed-in person. GetRole decides whether
// there is a page at all (NoSuchEntity → 404, AccessDenied → 403, via consoleError); every other read
// is a section's own, so a person allowed GetRole but not, say, GetRolePolicy still sees the page, with
// AWS's refusal in the one place it applies.
import type { IamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../../env';
import { listAll } from '../../../lists';
import { attempt } from '../../../render';
import { readablePolicy } from '../../../ui/components';
import { getRole, type AttachedPolicy, type Role } from '../shared';

export type Read<T> = { ok: true; value: T } | { ok: false; error: IamError };

export interface InlinePolicy {
  name: string;
  /** URL-decoded and pretty-printed when it parses */
  document: Read<string>;
}

export interface RoleDetail {
  role: Role;
  /** the trust policy as a person reads it */
  trust: string;
  attached: Read<AttachedPolicy[]>;
  inline: Read<InlinePolicy[]>;
  profiles: Read<string[]>;
}

export async function inlineDocument(c: ConsoleContext, role: string, policy: string): Promise<string> {
  const r = await c.var.iam.call<{ PolicyDocument: string }>('GetRolePolicy', { RoleName: role, PolicyName: policy });
  return readablePolicy(r.PolicyDocument);
}

export const attachedPolicies = (c: ConsoleContext, role: string) =>
  listAll<AttachedPolicy>(c, 'ListAttachedRolePolicies', { RoleName: role }, 'AttachedPolicies');
export const inlineNames = (c: ConsoleContext, role: string) => listAll<string>(c, 'ListRolePolicies', { RoleName: role }, 'PolicyNames');
export const instanceProfiles = async (c: ConsoleContext, role: string) =>
  (await listAll<{ InstanceProfileName: string }>(c, 'ListInstanceProfilesForRole', { RoleName: role }, 'InstanceProfiles')).map(
    (p) => p.InstanceProfileName,
  );

export async function loadRole(c: ConsoleContext, name: string): Promise<RoleDetail> {
  const role = await getRole(c, name);
  // The canonical name from here on: the URL may differ in case (IAM names are case-insensitive).
  const n = role.RoleName;
  const [attached, inline, profiles] = await Promise.all([
    attempt(() => attachedPolicies(c, n)),
    attempt(async () => {
      const names = await inlineNames(c, n);
      return Promise.all(names.map(async (p) => ({ name: p, document: await attempt(() => inlineDocument(c, n, p)) })));
    }),
    attempt(() => instanceProfiles(c, n)),
  ]);
  return { role, trust: readablePolicy(role.AssumeRolePolicyDocument), attached, inline, profiles };
}

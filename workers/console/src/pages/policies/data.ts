// Reading one policy for its pages: the policy (GetPolicy: a missing one is NoSuchEntity, the 404 page),
// its default version's document, its versions, the users, groups and roles it is attached to or is the
// permissions boundary of (ListEntitiesForPolicy), and its tags. Each part the person may not read
// comes back as the API's refusal, shown in its section, rather than failing the page.
import type { IamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../env';
import { listAll } from '../../lists';
import { attempt } from '../../render';
import { readablePolicy } from '../../ui/components';
import { getPolicy, isAwsManaged, type EntityKind, type Policy, type PolicyVersion, type Tag } from './shared';

export type Read<T> = { ok: true; value: T } | { ok: false; error: IamError };

export interface Entity {
  kind: EntityKind;
  name: string;
}

export interface PolicyDetail {
  policy: Policy;
  /** the default version's document, pretty-printed */
  document: Read<string>;
  versions: Read<PolicyVersion[]>;
  attached: Read<Entity[]>;
  boundaryOf: Read<Entity[]>;
  /** customer-managed policies only (AWS-managed ones carry no tags of the account's) */
  tags: Read<Tag[]> | null;
}

/** A version's document as a person reads it (GetPolicyVersion sends it URL-encoded). */
export async function versionDocument(c: ConsoleContext, arn: string, versionId: string): Promise<PolicyVersion & { text: string }> {
  const { PolicyVersion: v } = await c.var.iam.call<{ PolicyVersion: PolicyVersion }>('GetPolicyVersion', {
    PolicyArn: arn,
    VersionId: versionId,
  });
  return { ...v, text: readablePolicy(v.Document ?? '') };
}

/** Every version, newest first (AWS-managed policies may have dozens). */
export const listVersions = (c: ConsoleContext, arn: string) =>
  listAll<PolicyVersion>(c, 'ListPolicyVersions', { PolicyArn: arn }, 'Versions');

const ENTITY_LISTS = {
  user: ['User', 'PolicyUsers', 'UserName'],
  group: ['Group', 'PolicyGroups', 'GroupName'],
  role: ['Role', 'PolicyRoles', 'RoleName'],
} as const;

/**
 * The entities a policy is attached to (`PermissionsPolicy`) or is the boundary of (`PermissionsBoundary`;
 * groups have no boundary). One list per kind, so each is read to its end with listAll.
 */
export async function listEntities(c: ConsoleContext, arn: string, usage: 'PermissionsPolicy' | 'PermissionsBoundary'): Promise<Entity[]> {
  const kinds: EntityKind[] = usage === 'PermissionsBoundary' ? ['user', 'role'] : ['user', 'group', 'role'];
  const lists = await Promise.all(
    kinds.map(async (kind) => {
      const [filter, key, nameKey] = ENTITY_LISTS[kind];
      const rows = await listAll<Record<string, string>>(
        c,
        'ListEntitiesForPolicy',
        { PolicyArn: arn, EntityFilter: filter, PolicyUsageFilter: usage },
        key,
      );
      return rows.map((r) => ({ kind, name: r[nameKey] ?? '' }));
    }),
  );
  return lists.flat();
}

export async function loadPolicyDetail(c: ConsoleContext, arn: string): Promise<PolicyDetail> {
  const policy = await getPolicy(c, arn);
  const [document, versions, attached, boundaryOf, tags] = await Promise.all([
    attempt(async () => (await versionDocument(c, arn, policy.DefaultVersionId)).text),
    attempt(() => listVersions(c, arn)),
    attempt(() => listEntities(c, arn, 'PermissionsPolicy')),
    attempt(() => listEntities(c, arn, 'PermissionsBoundary')),
    isAwsManaged(arn) ? Promise.resolve(null) : attempt(() => listAll<Tag>(c, 'ListPolicyTags', { PolicyArn: arn }, 'Tags')),
  ]);
  return { policy, document, versions, attached, boundaryOf, tags };
}

// Loads everything that decides what a principal may do, in ONE D1 round trip (db.batch of reads):
// a user's inline and attached policies, its groups' inline and attached policies, its permissions
// boundary and its tags; or a role's. The policy engine compiles what this returns; both the identity
// worker (self-authorization) and the policy worker (/authorize, cached) use it.
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  groupMemberships,
  groups,
  inlinePolicies,
  managedPolicies,
  policyAttachments,
  policyVersions,
  roles,
  tags,
  users,
} from '../db/schema';

export interface PolicySource {
  /** The policy ARN for managed policies; `<owner ARN>#<name>` for inline ones. */
  id: string;
  document: string;
}

export interface EffectivePolicies {
  identity: PolicySource[];
  boundary: PolicySource | null;
  tags: Record<string, string>;
}

const managedDoc = { arn: managedPolicies.arn, document: policyVersions.document };
/** A managed policy's document is its default version's. */
const defaultVersion = and(eq(policyVersions.policyId, managedPolicies.id), eq(policyVersions.versionId, managedPolicies.defaultVersionId));

function attachedTo(db: Db, where: ReturnType<typeof eq>) {
  return db
    .select(managedDoc)
    .from(policyAttachments)
    .innerJoin(managedPolicies, eq(managedPolicies.id, policyAttachments.policyId))
    .innerJoin(policyVersions, defaultVersion)
    .where(where);
}

function boundaryOf(db: Db, table: typeof users | typeof roles, id: string) {
  return db
    .select(managedDoc)
    .from(table)
    .innerJoin(managedPolicies, eq(managedPolicies.id, table.permissionsBoundaryPolicyId))
    .innerJoin(policyVersions, defaultVersion)
    .where(eq(table.id, id));
}

const toSource = (r: { arn: string; document: string }): PolicySource => ({ id: r.arn, document: r.document });
const inlineSource =
  (ownerArn: string) =>
  (r: { name: string; document: string }): PolicySource => ({
    id: `${ownerArn}#${r.name}`,
    document: r.document,
  });
const toTags = (rows: { key: string; value: string }[]) => Object.fromEntries(rows.map((t) => [t.key, t.value]));

/** `userArn` names inline policies in explanations; the rows are found by id. */
export async function loadUserPolicies(db: Db, userId: string, userArn: string): Promise<EffectivePolicies> {
  const groupIds = db.select({ id: groupMemberships.groupId }).from(groupMemberships).where(eq(groupMemberships.userId, userId));
  const [userInline, userAttached, groupInline, groupAttached, boundary, userTags] = await db.batch([
    db
      .select({ name: inlinePolicies.name, document: inlinePolicies.document })
      .from(inlinePolicies)
      .where(eq(inlinePolicies.userId, userId)),
    attachedTo(db, eq(policyAttachments.userId, userId)),
    db
      .select({
        name: inlinePolicies.name,
        document: inlinePolicies.document,
        // Aliased: D1 returns rows by column name, and `name` is also the inline policy's (a batch
        // would read the group's name as the policy's and shift the rest).
        groupName: sql<string>`${groups.name}`.as('group_name'),
        groupPath: sql<string>`${groups.path}`.as('group_path'),
        accountId: sql<string>`${groups.accountId}`.as('group_account_id'),
      })
      .from(inlinePolicies)
      .innerJoin(groups, eq(groups.id, inlinePolicies.groupId))
      .where(and(isNotNull(inlinePolicies.groupId), inArray(inlinePolicies.groupId, groupIds))),
    attachedTo(db, inArray(policyAttachments.groupId, groupIds)),
    boundaryOf(db, users, userId),
    db.select({ key: tags.key, value: tags.value }).from(tags).where(eq(tags.resourceId, userId)),
  ]);
  // A managed policy attached both to the user and to one of its groups counts once.
  const seen = new Set<string>();
  const attached = [...userAttached, ...groupAttached].filter((r) => !seen.has(r.arn) && seen.add(r.arn));
  return {
    identity: [
      ...userInline.map(inlineSource(userArn)),
      ...groupInline.map((r) => inlineSource(`arn:aws:iam::${r.accountId}:group${r.groupPath}${r.groupName}`)(r)),
      ...attached.map(toSource),
    ],
    boundary: boundary[0] ? toSource(boundary[0]) : null,
    tags: toTags(userTags),
  };
}

export async function loadRolePolicies(db: Db, roleId: string, roleArn: string): Promise<EffectivePolicies> {
  const [inline, attached, boundary, roleTags] = await db.batch([
    db
      .select({ name: inlinePolicies.name, document: inlinePolicies.document })
      .from(inlinePolicies)
      .where(eq(inlinePolicies.roleId, roleId)),
    attachedTo(db, eq(policyAttachments.roleId, roleId)),
    boundaryOf(db, roles, roleId),
    db.select({ key: tags.key, value: tags.value }).from(tags).where(eq(tags.resourceId, roleId)),
  ]);
  return {
    identity: [...inline.map(inlineSource(roleArn)), ...attached.map(toSource)],
    boundary: boundary[0] ? toSource(boundary[0]) : null,
    tags: toTags(roleTags),
  };
}

// Everything GetAccountAuthorizationDetails reports for an account, read in one D1 batch: users,
// groups, roles, memberships, inline policies, attachments, local managed policies with their versions,
// the AWS-managed policies attached somewhere in the account, and the instance profiles holding roles.
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  groupMemberships,
  groups,
  inlinePolicies,
  instanceProfileRoles,
  instanceProfiles,
  managedPolicies,
  policyAttachments,
  policyVersions,
  roles,
  tags,
  users,
} from '../db/schema';

export async function loadAuthorizationDetails(db: Db, accountId: string) {
  const attachedAwsPolicyIds = db
    .selectDistinct({ id: policyAttachments.policyId })
    .from(policyAttachments)
    .innerJoin(managedPolicies, eq(managedPolicies.id, policyAttachments.policyId))
    .where(isNull(managedPolicies.accountId));
  const ownPrincipal = or(
    inArray(policyAttachments.userId, db.select({ id: users.id }).from(users).where(eq(users.accountId, accountId))),
    inArray(policyAttachments.groupId, db.select({ id: groups.id }).from(groups).where(eq(groups.accountId, accountId))),
    inArray(policyAttachments.roleId, db.select({ id: roles.id }).from(roles).where(eq(roles.accountId, accountId))),
  );
  const [userRows, groupRows, roleRows, memberships, inline, attachments, policies, versions, tagRows, profileRows] = await db.batch([
    db
      .select()
      .from(users)
      .where(eq(users.accountId, accountId))
      .orderBy(sql`lower(${users.name})`),
    db
      .select()
      .from(groups)
      .where(eq(groups.accountId, accountId))
      .orderBy(sql`lower(${groups.name})`),
    db
      .select()
      .from(roles)
      .where(eq(roles.accountId, accountId))
      .orderBy(sql`lower(${roles.name})`),
    db
      .select({ groupId: groupMemberships.groupId, userId: groupMemberships.userId })
      .from(groupMemberships)
      .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
      .where(eq(groups.accountId, accountId)),
    db.select().from(inlinePolicies).where(eq(inlinePolicies.accountId, accountId)),
    db
      .select({
        policyId: policyAttachments.policyId,
        userId: policyAttachments.userId,
        groupId: policyAttachments.groupId,
        roleId: policyAttachments.roleId,
        arn: managedPolicies.arn,
        name: managedPolicies.name,
      })
      .from(policyAttachments)
      .innerJoin(managedPolicies, eq(managedPolicies.id, policyAttachments.policyId))
      .where(ownPrincipal),
    db
      .select()
      .from(managedPolicies)
      .where(
        or(
          eq(managedPolicies.accountId, accountId),
          and(isNull(managedPolicies.accountId), inArray(managedPolicies.id, attachedAwsPolicyIds)),
        ),
      ),
    db
      .select()
      .from(policyVersions)
      .where(
        or(
          inArray(
            policyVersions.policyId,
            db.select({ id: managedPolicies.id }).from(managedPolicies).where(eq(managedPolicies.accountId, accountId)),
          ),
          inArray(policyVersions.policyId, attachedAwsPolicyIds),
        ),
      ),
    db
      .select()
      .from(tags)
      .where(
        or(
          inArray(tags.resourceId, db.select({ id: users.id }).from(users).where(eq(users.accountId, accountId))),
          inArray(tags.resourceId, db.select({ id: roles.id }).from(roles).where(eq(roles.accountId, accountId))),
          inArray(
            tags.resourceId,
            db.select({ id: instanceProfiles.id }).from(instanceProfiles).where(eq(instanceProfiles.accountId, accountId)),
          ),
        ),
      ),
    // Only profiles that hold a role: the report lists profiles inside each role's detail.
    db
      .select({ profile: instanceProfiles, roleId: instanceProfileRoles.roleId })
      .from(instanceProfileRoles)
      .innerJoin(instanceProfiles, eq(instanceProfiles.id, instanceProfileRoles.instanceProfileId))
      .where(eq(instanceProfiles.accountId, accountId))
      .orderBy(sql`lower(${instanceProfiles.name})`),
  ]);
  return {
    users: userRows,
    groups: groupRows,
    roles: roleRows,
    memberships,
    inline,
    attachments,
    policies,
    versions,
    tags: tagRows,
    instanceProfiles: profileRows,
  };
}

// Service-linked roles: a role created for an AWS service with the service's AWS-managed policy
// attached, in one batch; and deleted with everything hanging off it (AWS removes its policies too),
// since the account cannot detach or delete those itself.
import { and, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { managedPolicies } from '../db/schema';
import { attachStatement } from './attachments';
import { deleteRoleStatement, insertRoleStatement, type RoleRow } from './roles';
import { deleteAllTagsStatement } from './tags';

/** The first of these AWS-managed policies (by ARN, in the order given) that the catalogue holds. */
export async function firstAwsManagedPolicy(db: Db, arns: readonly string[]): Promise<{ id: string; arn: string } | undefined> {
  if (arns.length === 0) return undefined;
  const rows = await db
    .select({ id: managedPolicies.id, arn: managedPolicies.arn })
    .from(managedPolicies)
    .where(and(isNull(managedPolicies.accountId), inArray(managedPolicies.arn, [...arns])))
    .all();
  for (const arn of arns) {
    const found = rows.find((r) => r.arn === arn);
    if (found) return found;
  }
  return undefined;
}

/** The role and, if the service has one, its managed policy attached. */
export function createServiceLinkedRoleStatements(db: Db, role: RoleRow, policyId: string | null) {
  return [
    insertRoleStatement(db, role),
    ...(policyId ? [attachStatement(db, policyId, { kind: 'role', id: role.id }, role.createdAt)] : []),
  ];
}

/** The role with its tags; attachments, inline policies, instance-profile places and sessions go by cascade. */
export const deleteServiceLinkedRoleStatements = (db: Db, roleId: string) => [
  deleteAllTagsStatement(db, roleId),
  deleteRoleStatement(db, roleId),
];

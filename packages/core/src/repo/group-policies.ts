// A group's own policies (inline and attached) for the policy simulator, which may name a group as
// PolicySourceArn; read in ONE D1 batch. Users' and roles' policies come from repo/effective-policies.
import { and, eq, sql } from 'drizzle-orm';
import { parseIamArn } from '../arn';
import type { Db } from '../db/client';
import { groups, inlinePolicies, managedPolicies, policyAttachments, policyVersions } from '../db/schema';
import type { EffectivePolicies } from './effective-policies';

export type GroupRow = typeof groups.$inferSelect;

/** The group an ARN names (path and name must both match, the name case-insensitively), or null. */
export async function findGroupByArn(db: Db, arn: string): Promise<GroupRow | null> {
  const parsed = parseIamArn(arn);
  if (!parsed || parsed.type !== 'group' || !/^\d{12}$/.test(parsed.account) || !parsed.name) return null;
  const row = await db
    .select()
    .from(groups)
    .where(and(eq(groups.accountId, parsed.account), sql`lower(${groups.name}) = lower(${parsed.name})`, eq(groups.path, parsed.path)))
    .get();
  return row ?? null;
}

/** Ids follow repo/effective-policies: the policy ARN, or `<group ARN>#<name>` for inline policies. */
export async function loadGroupPolicies(db: Db, groupId: string, groupArn: string): Promise<EffectivePolicies> {
  const [inline, attached] = await db.batch([
    db
      .select({ name: inlinePolicies.name, document: inlinePolicies.document })
      .from(inlinePolicies)
      .where(eq(inlinePolicies.groupId, groupId)),
    db
      .select({ arn: managedPolicies.arn, document: policyVersions.document })
      .from(policyAttachments)
      .innerJoin(managedPolicies, eq(managedPolicies.id, policyAttachments.policyId))
      .innerJoin(
        policyVersions,
        and(eq(policyVersions.policyId, managedPolicies.id), eq(policyVersions.versionId, managedPolicies.defaultVersionId)),
      )
      .where(eq(policyAttachments.groupId, groupId)),
  ]);
  return {
    identity: [
      ...inline.map((r) => ({ id: `${groupArn}#${r.name}`, document: r.document })),
      ...attached.map((r) => ({ id: r.arn, document: r.document })),
    ],
    boundary: null,
    tags: {},
  };
}

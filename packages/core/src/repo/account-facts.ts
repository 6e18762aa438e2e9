// Everything GetAccountSummary and the security status count about an account, read in ONE D1 round
// trip (db.batch of count queries), so the numbers are one consistent snapshot.
import { and, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { AccountCounts } from '../account/summary';
import type { SecurityFacts } from '../account/security-status';
import type { Db } from '../db/client';
import {
  accessKeys,
  accounts,
  groups,
  instanceProfiles,
  managedPolicies,
  mfaDevices,
  passwordPolicies,
  policyVersions,
  roles,
  serverCertificates,
  signingCertificates,
  users,
} from '../db/schema';

export type AccountFacts = AccountCounts & SecurityFacts;

export async function loadAccountFacts(db: Db, accountId: string): Promise<AccountFacts> {
  const n = { n: count() };
  const [u, g, r, p, v, mfa, mfaInUse, rootMfa, rootKeys, account, policy, direct, granting, ip, serverCerts, rootCerts] = await db.batch([
    db.select(n).from(users).where(eq(users.accountId, accountId)),
    db.select(n).from(groups).where(eq(groups.accountId, accountId)),
    db.select(n).from(roles).where(eq(roles.accountId, accountId)),
    db.select(n).from(managedPolicies).where(eq(managedPolicies.accountId, accountId)),
    db
      .select(n)
      .from(policyVersions)
      .innerJoin(managedPolicies, eq(managedPolicies.id, policyVersions.policyId))
      .where(eq(managedPolicies.accountId, accountId)),
    db.select(n).from(mfaDevices).where(eq(mfaDevices.accountId, accountId)),
    db
      .select(n)
      .from(mfaDevices)
      .where(and(eq(mfaDevices.accountId, accountId), isNotNull(mfaDevices.enabledAt))),
    db
      .select(n)
      .from(mfaDevices)
      .where(and(eq(mfaDevices.accountId, accountId), eq(mfaDevices.isRoot, true), isNotNull(mfaDevices.enabledAt))),
    db
      .select(n)
      .from(accessKeys)
      .where(and(eq(accessKeys.accountId, accountId), isNull(accessKeys.userId))),
    db
      .select({
        hasPassword: sql<number>`${accounts.rootPasswordHash} IS NOT NULL`,
        tokenVersion: accounts.stsGlobalEndpointTokenVersion,
      })
      .from(accounts)
      .where(eq(accounts.id, accountId)),
    db.select(n).from(passwordPolicies).where(eq(passwordPolicies.accountId, accountId)),
    db
      .select(n)
      .from(users)
      .where(
        and(
          eq(users.accountId, accountId),
          sql`(EXISTS (SELECT 1 FROM inline_policies WHERE user_id = ${users.id}) OR EXISTS (SELECT 1 FROM policy_attachments WHERE user_id = ${users.id}))`,
        ),
      ),
    db
      .select(n)
      .from(groups)
      .where(
        and(
          eq(groups.accountId, accountId),
          sql`EXISTS (SELECT 1 FROM group_memberships WHERE group_id = ${groups.id})`,
          sql`(EXISTS (SELECT 1 FROM inline_policies WHERE group_id = ${groups.id}) OR EXISTS (SELECT 1 FROM policy_attachments WHERE group_id = ${groups.id}))`,
        ),
      ),
    db.select(n).from(instanceProfiles).where(eq(instanceProfiles.accountId, accountId)),
    db.select(n).from(serverCertificates).where(eq(serverCertificates.accountId, accountId)),
    db
      .select(n)
      .from(signingCertificates)
      .where(and(eq(signingCertificates.accountId, accountId), isNull(signingCertificates.userId))),
  ]);
  const first = (rows: { n: number }[]) => rows[0]?.n ?? 0;
  return {
    users: first(u),
    groups: first(g),
    roles: first(r),
    instanceProfiles: first(ip),
    policies: first(p),
    policyVersions: first(v),
    mfaDevices: first(mfa),
    mfaDevicesInUse: first(mfaInUse),
    rootMfaEnabled: first(rootMfa) > 0,
    rootAccessKeys: first(rootKeys),
    rootPasswordPresent: Boolean(account[0]?.hasPassword),
    rootSigningCertificates: first(rootCerts),
    serverCertificates: first(serverCerts),
    globalEndpointTokenVersion: account[0]?.tokenVersion ?? 1,
    passwordPolicySet: first(policy) > 0,
    usersWithDirectPolicies: first(direct),
    groupsGrantingPermissions: first(granting),
  };
}

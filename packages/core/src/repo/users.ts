// The IAM user aggregate: reads by name (case-insensitive, as AWS) or id, pages of users, and the
// statements that create, rename, set the boundary of and delete one. Dependents (keys, memberships,
// policies, login profile, MFA, SSH keys, signing certificates, service-specific credentials) are
// counted for DeleteConflict before a delete.
import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  accessKeys,
  groupMemberships,
  inlinePolicies,
  loginProfiles,
  managedPolicies,
  mfaDevices,
  policyAttachments,
  serviceSpecificCredentials,
  signingCertificates,
  sshPublicKeys,
  users,
} from '../db/schema';

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

export const byName = (accountId: string, name: string) => and(eq(users.accountId, accountId), sql`lower(${users.name}) = lower(${name})`);

export async function findUser(db: Db, accountId: string, name: string) {
  return db
    .select({ user: users, boundaryArn: managedPolicies.arn, passwordLastUsed: loginProfiles.passwordLastUsedAt })
    .from(users)
    .leftJoin(managedPolicies, eq(managedPolicies.id, users.permissionsBoundaryPolicyId))
    .leftJoin(loginProfiles, eq(loginProfiles.userId, users.id))
    .where(byName(accountId, name))
    .get();
}

/** The user with this id, if it still exists (ids are unique across accounts). */
export function findUserById(db: Db, userId: string) {
  return db.select().from(users).where(eq(users.id, userId)).get();
}

/** Escapes LIKE wildcards so a PathPrefix is matched literally. */
export const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of users ordered by lower(name), starting after `after`. INVARIANT: served by the unique
 * index on (account_id, lower(name)), so the cost of a page does not grow with the account.
 */
export function listUsers(db: Db, accountId: string, opts: { pathPrefix?: string; after?: string; limit: number }) {
  return listUsersQuery(db, accountId, opts).all();
}

/** The ListUsers page query itself (exported so a test can check its plan uses the index). */
export function listUsersQuery(db: Db, accountId: string, opts: { pathPrefix?: string; after?: string; limit: number }) {
  return db
    .select({ user: users, boundaryArn: managedPolicies.arn, passwordLastUsed: loginProfiles.passwordLastUsedAt })
    .from(users)
    .leftJoin(managedPolicies, eq(managedPolicies.id, users.permissionsBoundaryPolicyId))
    .leftJoin(loginProfiles, eq(loginProfiles.userId, users.id))
    .where(
      and(
        eq(users.accountId, accountId),
        opts.after !== undefined ? gt(sql`lower(${users.name})`, opts.after) : undefined,
        opts.pathPrefix && opts.pathPrefix !== '/' ? sql`${users.path} LIKE ${likePrefix(opts.pathPrefix)} ESCAPE '\\'` : undefined,
      ),
    )
    .orderBy(sql`lower(${users.name})`)
    .limit(opts.limit + 1);
}

/** What still hangs off a user; DeleteUser refuses while any of it exists. */
export async function userDependents(db: Db, userId: string) {
  const [keys, profile, groups, attached, inline, mfa, ssh, certs, serviceCreds] = await db.batch([
    db.select({ n: count() }).from(accessKeys).where(eq(accessKeys.userId, userId)),
    db.select({ n: count() }).from(loginProfiles).where(eq(loginProfiles.userId, userId)),
    db.select({ n: count() }).from(groupMemberships).where(eq(groupMemberships.userId, userId)),
    db.select({ n: count() }).from(policyAttachments).where(eq(policyAttachments.userId, userId)),
    db.select({ n: count() }).from(inlinePolicies).where(eq(inlinePolicies.userId, userId)),
    db
      .select({ n: count() })
      .from(mfaDevices)
      .where(and(eq(mfaDevices.userId, userId), sql`${mfaDevices.enabledAt} IS NOT NULL`)),
    db.select({ n: count() }).from(sshPublicKeys).where(eq(sshPublicKeys.userId, userId)),
    db.select({ n: count() }).from(signingCertificates).where(eq(signingCertificates.userId, userId)),
    db.select({ n: count() }).from(serviceSpecificCredentials).where(eq(serviceSpecificCredentials.userId, userId)),
  ]);
  const n = (r: { n: number }[]) => r[0]?.n ?? 0;
  return {
    accessKeys: n(keys),
    loginProfile: n(profile),
    groups: n(groups),
    attachedPolicies: n(attached),
    inlinePolicies: n(inline),
    mfaDevices: n(mfa),
    sshPublicKeys: n(ssh),
    signingCertificates: n(certs),
    serviceSpecificCredentials: n(serviceCreds),
  };
}

export const insertUserStatement = (db: Db, row: NewUserRow) => db.insert(users).values(row);

/** UpdateUser: a new name or path. A name another user holds (in any case) fails the unique index. */
export const updateUserStatement = (db: Db, userId: string, next: Pick<UserRow, 'name' | 'path'>) =>
  db.update(users).set(next).where(eq(users.id, userId));

/** Sets (a policy id) or removes (null) the user's permissions boundary. */
export const setUserBoundaryStatement = (db: Db, userId: string, policyId: string | null) =>
  db.update(users).set({ permissionsBoundaryPolicyId: policyId }).where(eq(users.id, userId));

export const deleteUserStatement = (db: Db, userId: string) => db.delete(users).where(eq(users.id, userId));

// The IAM group aggregate: reads by name (case-insensitive, as AWS), pages of groups, of a group's
// members and of a user's groups, what still hangs off a group before DeleteGroup, the statements that
// create, rename and delete one, and the guarded membership insert that keeps the GroupsPerUser quota
// even under concurrent AddUserToGroup calls.
import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { groupMemberships, groups, inlinePolicies, policyAttachments, users } from '../db/schema';
import { likePrefix } from './users';
import { GROUPS_PER_USER } from '../quotas';

export type GroupRow = typeof groups.$inferSelect;

export const groupByName = (accountId: string, name: string) =>
  and(eq(groups.accountId, accountId), sql`lower(${groups.name}) = lower(${name})`);

export function findGroup(db: Db, accountId: string, name: string) {
  return db.select().from(groups).where(groupByName(accountId, name)).get();
}

export const insertGroupStatement = (db: Db, row: typeof groups.$inferInsert) => db.insert(groups).values(row);

/** UpdateGroup: a new name or path. A name another group holds (in any case) fails the unique index. */
export const updateGroupStatement = (db: Db, groupId: string, next: Pick<GroupRow, 'name' | 'path'>) =>
  db.update(groups).set(next).where(eq(groups.id, groupId));

export const deleteGroupStatement = (db: Db, groupId: string) => db.delete(groups).where(eq(groups.id, groupId));

interface PageOpts {
  after?: string;
  limit: number;
}

/** One page of groups ordered by lower(name), served by the unique (account_id, lower(name)) index. */
export function listGroups(db: Db, accountId: string, opts: PageOpts & { pathPrefix?: string }) {
  return db
    .select()
    .from(groups)
    .where(
      and(
        eq(groups.accountId, accountId),
        opts.after !== undefined ? gt(sql`lower(${groups.name})`, opts.after) : undefined,
        opts.pathPrefix && opts.pathPrefix !== '/' ? sql`${groups.path} LIKE ${likePrefix(opts.pathPrefix)} ESCAPE '\\'` : undefined,
      ),
    )
    .orderBy(sql`lower(${groups.name})`)
    .limit(opts.limit + 1)
    .all();
}

/** One page of a group's users, ordered by lower(user name). */
export function listGroupMembers(db: Db, groupId: string, opts: PageOpts) {
  return db
    .select({ user: users })
    .from(groupMemberships)
    .innerJoin(users, eq(users.id, groupMemberships.userId))
    .where(and(eq(groupMemberships.groupId, groupId), opts.after !== undefined ? gt(sql`lower(${users.name})`, opts.after) : undefined))
    .orderBy(sql`lower(${users.name})`)
    .limit(opts.limit + 1)
    .all();
}

/** One page of the groups a user is in, ordered by lower(group name); at most 10 exist anyway. */
export function listGroupsForUser(db: Db, userId: string, opts: PageOpts) {
  return db
    .select({ group: groups })
    .from(groupMemberships)
    .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
    .where(and(eq(groupMemberships.userId, userId), opts.after !== undefined ? gt(sql`lower(${groups.name})`, opts.after) : undefined))
    .orderBy(sql`lower(${groups.name})`)
    .limit(opts.limit + 1)
    .all();
}

/** Whether the user is in the group, and how many groups it is in (for the quota check). */
export async function membershipOf(db: Db, groupId: string, userId: string) {
  const [member, total] = await db.batch([
    db
      .select({ n: count() })
      .from(groupMemberships)
      .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId))),
    db.select({ n: count() }).from(groupMemberships).where(eq(groupMemberships.userId, userId)),
  ]);
  return { isMember: (member[0]?.n ?? 0) > 0, groupCount: total[0]?.n ?? 0 };
}

/**
 * Adds the user to the group; adding an existing member changes nothing. INVARIANT: the quota is
 * checked inside the statement, so two concurrent adds cannot take a user past GROUPS_PER_USER. Over
 * the quota the row's added_at is NULL, which fails the NOT NULL constraint and aborts the whole batch
 * (the caller maps that failure to LimitExceeded). `WHERE true` keeps SQLite from reading ON CONFLICT
 * as part of the SELECT.
 */
export function addMemberStatement(db: Db, groupId: string, userId: string, now: Date) {
  return db
    .insert(groupMemberships)
    .select(
      sql`SELECT ${groupId}, ${userId}, CASE WHEN
            (SELECT count(*) FROM ${groupMemberships} WHERE ${groupMemberships.userId} = ${userId}) < ${GROUPS_PER_USER}
            OR EXISTS (SELECT 1 FROM ${groupMemberships} WHERE ${groupMemberships.userId} = ${userId} AND ${groupMemberships.groupId} = ${groupId})
          THEN ${now.getTime()} ELSE NULL END
          WHERE true`,
    )
    .onConflictDoNothing();
}

export const removeMemberStatement = (db: Db, groupId: string, userId: string) =>
  db.delete(groupMemberships).where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)));

/** What still hangs off a group; DeleteGroup refuses while any of it exists. */
export async function groupDependents(db: Db, groupId: string) {
  const [members, attached, inline] = await db.batch([
    db.select({ n: count() }).from(groupMemberships).where(eq(groupMemberships.groupId, groupId)),
    db.select({ n: count() }).from(policyAttachments).where(eq(policyAttachments.groupId, groupId)),
    db.select({ n: count() }).from(inlinePolicies).where(eq(inlinePolicies.groupId, groupId)),
  ]);
  const n = (r: { n: number }[]) => r[0]?.n ?? 0;
  return { members: n(members), attachedPolicies: n(attached), inlinePolicies: n(inline) };
}

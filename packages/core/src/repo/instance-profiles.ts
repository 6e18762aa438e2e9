// The IAM instance profile aggregate: reads by name (case-insensitive, as AWS), pages of profiles
// (all, or those holding a role), the roles each profile on a page holds, and the statements that
// create and delete a profile and link a role to it.
// The one-role-per-profile rule is the schema's (instance_profile_roles_one_role); callers map its
// UNIQUE failure to LimitExceeded.
import { and, count, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { instanceProfileRoles, instanceProfiles, roles } from '../db/schema';
import type { RoleRow } from './roles';
import { likePrefix } from './users';
import { ROLES_PER_INSTANCE_PROFILE } from '../quotas';

export type InstanceProfileRow = typeof instanceProfiles.$inferSelect;
export type { RoleRow };

interface PageOpts {
  after?: string;
  limit: number;
}

export function findInstanceProfile(db: Db, accountId: string, name: string) {
  return db
    .select()
    .from(instanceProfiles)
    .where(and(eq(instanceProfiles.accountId, accountId), sql`lower(${instanceProfiles.name}) = lower(${name})`))
    .get();
}

export const insertInstanceProfileStatement = (db: Db, row: InstanceProfileRow) => db.insert(instanceProfiles).values(row);

export const deleteInstanceProfileStatement = (db: Db, instanceProfileId: string) =>
  db.delete(instanceProfiles).where(eq(instanceProfiles.id, instanceProfileId));

/** One page of profiles ordered by lower(name), served by the unique (account_id, lower(name)) index. */
export function listInstanceProfiles(db: Db, accountId: string, opts: PageOpts & { pathPrefix?: string }) {
  return db
    .select()
    .from(instanceProfiles)
    .where(
      and(
        eq(instanceProfiles.accountId, accountId),
        opts.after !== undefined ? gt(sql`lower(${instanceProfiles.name})`, opts.after) : undefined,
        opts.pathPrefix && opts.pathPrefix !== '/'
          ? sql`${instanceProfiles.path} LIKE ${likePrefix(opts.pathPrefix)} ESCAPE '\\'`
          : undefined,
      ),
    )
    .orderBy(sql`lower(${instanceProfiles.name})`)
    .limit(opts.limit + 1)
    .all();
}

/** One page of the profiles that hold the role, ordered by lower(profile name). */
export function listInstanceProfilesForRole(db: Db, roleId: string, opts: PageOpts) {
  return db
    .select({ profile: instanceProfiles })
    .from(instanceProfileRoles)
    .innerJoin(instanceProfiles, eq(instanceProfiles.id, instanceProfileRoles.instanceProfileId))
    .where(
      and(
        eq(instanceProfileRoles.roleId, roleId),
        opts.after !== undefined ? gt(sql`lower(${instanceProfiles.name})`, opts.after) : undefined,
      ),
    )
    .orderBy(sql`lower(${instanceProfiles.name})`)
    .limit(opts.limit + 1)
    .all();
}

/** The roles held by each of `profileIds` (one query for a whole page), by profile id. */
export async function rolesOfInstanceProfiles(db: Db, profileIds: readonly string[]) {
  if (profileIds.length === 0) return new Map<string, RoleRow[]>();
  const rows = await db
    .select({ profileId: instanceProfileRoles.instanceProfileId, role: roles })
    .from(instanceProfileRoles)
    .innerJoin(roles, eq(roles.id, instanceProfileRoles.roleId))
    .where(inArray(instanceProfileRoles.instanceProfileId, [...profileIds]))
    .orderBy(sql`lower(${roles.name})`);
  const byProfile = new Map<string, RoleRow[]>();
  for (const r of rows) byProfile.set(r.profileId, [...(byProfile.get(r.profileId) ?? []), r.role]);
  return byProfile;
}

export const addRoleStatement = (db: Db, instanceProfileId: string, roleId: string) =>
  db.insert(instanceProfileRoles).values({ instanceProfileId, roleId });

export const removeRoleStatement = (db: Db, instanceProfileId: string, roleId: string) =>
  db
    .delete(instanceProfileRoles)
    .where(and(eq(instanceProfileRoles.instanceProfileId, instanceProfileId), eq(instanceProfileRoles.roleId, roleId)));

/** How many roles the profile holds; DeleteInstanceProfile refuses while it holds any. */
export async function rolesInInstanceProfile(db: Db, instanceProfileId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(instanceProfileRoles)
    .where(eq(instanceProfileRoles.instanceProfileId, instanceProfileId));
  return row?.n ?? 0;
}

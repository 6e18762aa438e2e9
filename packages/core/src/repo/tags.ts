// Tags of IAM entities (users, roles, managed policies, MFA devices, instance profiles, server certificates),
// keyed by the entity's unique id (an MFA device's is its serial number).
// Keys are case-insensitive (tagging `Team` replaces `team`) and keep the case last written.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { IamError } from '../errors';
import { tags } from '../db/schema';
import { MAX_TAGS } from '../quotas';

export interface Tag {
  Key: string;
  Value: string;
}

export function listTags(db: Db, resourceId: string) {
  return db
    .select({ Key: tags.key, Value: tags.value })
    .from(tags)
    .where(eq(tags.resourceId, resourceId))
    .orderBy(sql`lower(${tags.key})`);
}

/** Statements that set `newTags` on the resource (replacing same keys, any case). */
export function putTagsStatements(db: Db, resourceId: string, newTags: readonly Tag[]) {
  if (newTags.length === 0) return [];
  const lowered = newTags.map((t) => t.Key.toLowerCase());
  return [
    db.delete(tags).where(and(eq(tags.resourceId, resourceId), inArray(sql`lower(${tags.key})`, lowered))),
    // D1 binds at most 100 parameters per statement: 3 per row, so 30 rows per insert.
    ...chunks(newTags, 30).map((part) => db.insert(tags).values(part.map((t) => ({ resourceId, key: t.Key, value: t.Value })))),
  ];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function removeTagsStatements(db: Db, resourceId: string, keys: readonly string[]) {
  if (keys.length === 0) return [];
  return [
    db.delete(tags).where(
      and(
        eq(tags.resourceId, resourceId),
        inArray(
          sql`lower(${tags.key})`,
          keys.map((k) => k.toLowerCase()),
        ),
      ),
    ),
  ];
}

export const deleteAllTagsStatement = (db: Db, resourceId: string) => db.delete(tags).where(eq(tags.resourceId, resourceId));

/** How many distinct keys the resource would have after adding `newTags` (for the 50-tag quota). */
export function tagCountAfter(existing: readonly Tag[], newTags: readonly Tag[]): number {
  const keys = new Set(existing.map((t) => t.Key.toLowerCase()));
  for (const t of newTags) keys.add(t.Key.toLowerCase());
  return keys.size;
}

/** Duplicate keys within one request are an error in AWS (InvalidInput), not a last-one-wins. */
export function hasDuplicateKeys(newTags: readonly Tag[]): boolean {
  return new Set(newTags.map((t) => t.Key.toLowerCase())).size !== newTags.length;
}

/** AWS's checks before tagging: no key twice in one request, at most 50 keys on the resource. */
export function assertTagsFit(
  existing: readonly Tag[],
  add: readonly Tag[],
  kind: 'User' | 'Role' | 'Policy' | 'MFADevice' | 'InstanceProfile' | 'ServerCertificate',
): void {
  if (hasDuplicateKeys(add))
    throw new IamError('InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
  if (tagCountAfter(existing, add) > MAX_TAGS) throw new IamError('LimitExceeded', `Cannot exceed quota for TagsPer${kind}: ${MAX_TAGS}.`);
}

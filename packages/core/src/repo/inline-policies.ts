// Inline policies embedded in one user, group or role: pages of names, one document, all documents
// (for the aggregate size quota), and the statements that put (replace) and delete one. The owner is
// named by kind and id so one set of functions serves all three principal types.
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { inlinePolicies } from '../db/schema';

export type InlineOwnerKind = 'user' | 'group' | 'role';

export interface InlineOwner {
  kind: InlineOwnerKind;
  id: string;
  accountId: string;
}

const OWNER_COLUMN = { user: inlinePolicies.userId, group: inlinePolicies.groupId, role: inlinePolicies.roleId } as const;
const OWNER_KEY = { user: 'userId', group: 'groupId', role: 'roleId' } as const;

const ofOwner = (o: InlineOwner) => eq(OWNER_COLUMN[o.kind], o.id);
const named = (o: InlineOwner, name: string) => and(ofOwner(o), eq(inlinePolicies.name, name));

/** One page of policy names in name order (the partial unique index on (owner, name) serves it). */
export function listInlinePolicyNames(db: Db, owner: InlineOwner, opts: { after?: string; limit: number }) {
  return db
    .select({ name: inlinePolicies.name })
    .from(inlinePolicies)
    .where(and(ofOwner(owner), opts.after !== undefined ? gt(inlinePolicies.name, opts.after) : undefined))
    .orderBy(inlinePolicies.name)
    .limit(opts.limit + 1)
    .all();
}

export function findInlinePolicy(db: Db, owner: InlineOwner, name: string) {
  return db.select({ name: inlinePolicies.name, document: inlinePolicies.document }).from(inlinePolicies).where(named(owner, name)).get();
}

/** Every inline policy of the owner, for summing their sizes against the owner's quota. */
export function inlinePolicyDocuments(db: Db, owner: InlineOwner) {
  return db.select({ name: inlinePolicies.name, document: inlinePolicies.document }).from(inlinePolicies).where(ofOwner(owner)).all();
}

/** Creates or replaces the named policy: delete then insert, atomic within the caller's batch. */
export function putInlinePolicyStatements(db: Db, owner: InlineOwner, name: string, document: string, now: Date) {
  return [
    db.delete(inlinePolicies).where(named(owner, name)),
    db.insert(inlinePolicies).values({ accountId: owner.accountId, [OWNER_KEY[owner.kind]]: owner.id, name, document, updatedAt: now }),
  ];
}

export const deleteInlinePolicyStatement = (db: Db, owner: InlineOwner, name: string) =>
  db.delete(inlinePolicies).where(named(owner, name));

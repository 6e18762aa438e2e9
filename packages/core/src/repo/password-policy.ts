// The account password policy aggregate: one row per account, or none (AWS's default policy applies,
// and GetAccountPasswordPolicy answers NoSuchEntity). Reads return the policy in the shape
// passwords/policy checks against, so callers never reason about a missing row themselves.
import { eq } from 'drizzle-orm';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../passwords/policy';
import type { Db } from '../db/client';
import { passwordPolicies } from '../db/schema';

type PolicyRow = typeof passwordPolicies.$inferSelect;

const fromRow = (r: PolicyRow): PasswordPolicy => ({
  minimumPasswordLength: r.minimumPasswordLength,
  requireSymbols: r.requireSymbols,
  requireNumbers: r.requireNumbers,
  requireUppercaseCharacters: r.requireUppercaseCharacters,
  requireLowercaseCharacters: r.requireLowercaseCharacters,
  allowUsersToChangePassword: r.allowUsersToChangePassword,
  maxPasswordAge: r.maxPasswordAge,
  passwordReusePrevention: r.passwordReusePrevention,
  hardExpiry: r.hardExpiry,
  isDefault: false,
});

/** The account's policy as set, or null when it set none. */
export async function getAccountPasswordPolicy(db: Db, accountId: string): Promise<PasswordPolicy | null> {
  const row = await db.select().from(passwordPolicies).where(eq(passwordPolicies.accountId, accountId)).get();
  return row ? fromRow(row) : null;
}

/** The policy in force: the account's, else AWS's default. */
export async function effectivePasswordPolicy(db: Db, accountId: string): Promise<PasswordPolicy> {
  return (await getAccountPasswordPolicy(db, accountId)) ?? DEFAULT_PASSWORD_POLICY;
}

export type PasswordPolicyInput = Partial<Omit<PasswordPolicy, 'isDefault'>>;

/**
 * UpdateAccountPasswordPolicy: like AWS, fields left out take their defaults (not their previous
 * values). Range checks on the input (6-128, 1-1095, 1-24) belong to the API layer that parses it.
 */
export function putPasswordPolicyStatement(db: Db, accountId: string, input: PasswordPolicyInput, now: Date) {
  const values = {
    accountId,
    minimumPasswordLength: input.minimumPasswordLength ?? 8,
    requireSymbols: input.requireSymbols ?? false,
    requireNumbers: input.requireNumbers ?? false,
    requireUppercaseCharacters: input.requireUppercaseCharacters ?? false,
    requireLowercaseCharacters: input.requireLowercaseCharacters ?? false,
    allowUsersToChangePassword: input.allowUsersToChangePassword ?? false,
    maxPasswordAge: input.maxPasswordAge ?? null,
    passwordReusePrevention: input.passwordReusePrevention ?? null,
    hardExpiry: input.hardExpiry ?? false,
    updatedAt: now,
  };
  const { accountId: _key, ...update } = values;
  return db.insert(passwordPolicies).values(values).onConflictDoUpdate({ target: passwordPolicies.accountId, set: update });
}

export async function putPasswordPolicy(db: Db, accountId: string, input: PasswordPolicyInput, now: Date): Promise<void> {
  await putPasswordPolicyStatement(db, accountId, input, now);
}

export const deletePasswordPolicyStatement = (db: Db, accountId: string) =>
  db.delete(passwordPolicies).where(eq(passwordPolicies.accountId, accountId));

export async function deletePasswordPolicy(db: Db, accountId: string): Promise<boolean> {
  const res = await db
    .delete(passwordPolicies)
    .where(eq(passwordPolicies.accountId, accountId))
    .returning({ id: passwordPolicies.accountId });
  return res.length > 0;
}

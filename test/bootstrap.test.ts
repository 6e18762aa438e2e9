import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../packages/core/src/crypto/password-hash';
import * as s from '../packages/core/src/db/schema';
import { newAccountId } from '../packages/core/src/ids';
import { bootstrapAccount, revealRootAccessKeys } from '../packages/core/src/repo/accounts';
import { db, serviceKeys } from './helpers';

describe('bootstrap of the default account', () => {
  it('creates an account, a root password and a root access key, and shows them once', async () => {
    const keys = await serviceKeys();
    const accountId = newAccountId();
    const first = await bootstrapAccount(db(), keys, { accountId, rootEmail: 'Root@Example.com', now: new Date() });
    if (!first.created) throw new Error('expected creation');
    expect(first.accessKeyId).toMatch(/^AKIA/);
    const [account] = await db().select().from(s.accounts).where(eq(s.accounts.id, accountId));
    expect(account!.rootPasswordHash).not.toContain(first.rootPassword);
    expect((await verifyPassword(keys.pepper, first.rootPassword, account!.rootPasswordHash!)).ok).toBe(true);
    const [key] = await db().select().from(s.accessKeys).where(eq(s.accessKeys.id, first.accessKeyId));
    expect(key!.secretCiphertext).not.toContain(first.secretAccessKey);
    expect(await revealRootAccessKeys(db(), keys, accountId)).toEqual([
      { accessKeyId: first.accessKeyId, secretAccessKey: first.secretAccessKey },
    ]);
  });

  it('is idempotent and never overwrites an existing root user', async () => {
    const keys = await serviceKeys();
    const accountId = newAccountId();
    const first = await bootstrapAccount(db(), keys, { accountId, rootEmail: 'first@example.com', now: new Date() });
    const [before] = await db().select().from(s.accounts).where(eq(s.accounts.id, accountId));
    const second = await bootstrapAccount(db(), keys, { accountId, rootEmail: 'attacker@example.com', now: new Date() });
    expect(first.created).toBe(true);
    expect(second).toEqual({ created: false, accountId, rootEmail: 'first@example.com' });
    const [after] = await db().select().from(s.accounts).where(eq(s.accounts.id, accountId));
    expect(after).toEqual(before);
    expect(await db().select().from(s.accessKeys).where(eq(s.accessKeys.accountId, accountId))).toHaveLength(1);
  });

  it('concurrent bootstraps of one account create it exactly once', async () => {
    const keys = await serviceKeys();
    const accountId = newAccountId();
    const results = await Promise.all(
      [1, 2, 3].map((i) => bootstrapAccount(db(), keys, { accountId, rootEmail: `r${i}@example.com`, now: new Date() })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db().select().from(s.accessKeys).where(eq(s.accessKeys.accountId, accountId))).toHaveLength(1);
  });

  it('refuses an account id that is not 12 digits', async () => {
    await expect(
      bootstrapAccount(db(), await serviceKeys(), { accountId: '42', rootEmail: 'x@example.com', now: new Date() }),
    ).rejects.toThrow(/12 digits/);
  });
});

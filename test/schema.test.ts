// The schema's own guarantees, checked against the real migrations in a real D1: the API layers
// rely on these as a last line of defence.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as s from '../packages/core/src/db/schema';
import { newId } from '../packages/core/src/ids';
import { db, dbFailure, freshAccount } from './helpers';

const now = new Date();

async function userIn(accountId: string, name: string) {
  const id = newId('user');
  await db().insert(s.users).values({ id, accountId, name, createdAt: now });
  return id;
}

describe('schema constraints', () => {
  it('user, group, role and policy names are unique per account case-insensitively, keeping their case', async () => {
    const { accountId } = await freshAccount();
    await userIn(accountId, 'Tom');
    expect(await dbFailure(userIn(accountId, 'tom'))).toMatch(/UNIQUE/);
    const [row] = await db().select().from(s.users).where(eq(s.users.accountId, accountId));
    expect(row!.name).toBe('Tom');

    await db()
      .insert(s.groups)
      .values({ id: newId('group'), accountId, name: 'BisDev', createdAt: now });
    expect(
      await dbFailure(
        db()
          .insert(s.groups)
          .values({ id: newId('group'), accountId, name: 'BISDEV', createdAt: now }),
      ),
    ).toMatch(/UNIQUE/);

    const role = { accountId, assumeRolePolicy: '{}', createdAt: now };
    await db()
      .insert(s.roles)
      .values({ id: newId('role'), name: 'Admin', ...role });
    expect(
      await dbFailure(
        db()
          .insert(s.roles)
          .values({ id: newId('role'), name: 'admin', ...role }),
      ),
    ).toMatch(/UNIQUE/);

    const policy = (name: string) => ({
      id: newId('policy'),
      accountId,
      name,
      arn: `arn:aws:iam::${accountId}:policy/${name}`,
      createdAt: now,
      updatedAt: now,
    });
    await db().insert(s.managedPolicies).values(policy('ReadStuff'));
    expect(await dbFailure(db().insert(s.managedPolicies).values(policy('readstuff')))).toMatch(/UNIQUE/);
  });

  it('the same name is fine in two different accounts', async () => {
    const a = await freshAccount();
    const b = await freshAccount();
    await userIn(a.accountId, 'tom');
    await expect(userIn(b.accountId, 'tom')).resolves.toMatch(/^AIDA/);
  });

  it('deleting a user removes its memberships, attachments, inline policies, keys and login profile', async () => {
    const { accountId } = await freshAccount();
    const userId = await userIn(accountId, 'leaver');
    const groupId = newId('group');
    await db().batch([
      db().insert(s.groups).values({ id: groupId, accountId, name: 'Team', createdAt: now }),
      db().insert(s.groupMemberships).values({ groupId, userId, addedAt: now }),
      db().insert(s.policyAttachments).values({ policyId: 'ANPAIZTJ4DXE7G6AGAE6M', userId, attachedAt: now }),
      db().insert(s.inlinePolicies).values({ accountId, userId, name: 'p', document: '{}', updatedAt: now }),
      db()
        .insert(s.accessKeys)
        .values({ id: newId('accessKey'), accountId, userId, secretCiphertext: 'x', createdAt: now }),
      db().insert(s.loginProfiles).values({ userId, passwordHash: 'x', createdAt: now, passwordLastChangedAt: now }),
    ]);
    await db().delete(s.users).where(eq(s.users.id, userId));
    expect(await db().select().from(s.groupMemberships).where(eq(s.groupMemberships.userId, userId))).toHaveLength(0);
    expect(await db().select().from(s.policyAttachments).where(eq(s.policyAttachments.userId, userId))).toHaveLength(0);
    expect(await db().select().from(s.inlinePolicies).where(eq(s.inlinePolicies.userId, userId))).toHaveLength(0);
    expect(await db().select().from(s.accessKeys).where(eq(s.accessKeys.userId, userId))).toHaveLength(0);
    expect(await db().select().from(s.loginProfiles).where(eq(s.loginProfiles.userId, userId))).toHaveLength(0);
    // the group itself stays
    expect(await db().select().from(s.groups).where(eq(s.groups.id, groupId))).toHaveLength(1);
  });

  it('an attached managed policy cannot be deleted until it is detached', async () => {
    const { accountId } = await freshAccount();
    const userId = await userIn(accountId, 'u');
    const policyId = newId('policy');
    await db()
      .insert(s.managedPolicies)
      .values({ id: policyId, accountId, name: 'P', arn: `arn:aws:iam::${accountId}:policy/P`, createdAt: now, updatedAt: now });
    await db().insert(s.policyAttachments).values({ policyId, userId, attachedAt: now });
    expect(await dbFailure(db().delete(s.managedPolicies).where(eq(s.managedPolicies.id, policyId)))).toMatch(/FOREIGN KEY/);
    await db().delete(s.policyAttachments).where(eq(s.policyAttachments.policyId, policyId));
    await db().delete(s.managedPolicies).where(eq(s.managedPolicies.id, policyId));
    expect(await db().select().from(s.managedPolicies).where(eq(s.managedPolicies.id, policyId))).toHaveLength(0);
  });

  it('an attachment or inline policy belongs to exactly one principal', async () => {
    const { accountId } = await freshAccount();
    const userId = await userIn(accountId, 'u');
    const groupId = newId('group');
    await db().insert(s.groups).values({ id: groupId, accountId, name: 'G', createdAt: now });
    expect(
      await dbFailure(db().insert(s.policyAttachments).values({ policyId: 'ANPAIZTJ4DXE7G6AGAE6M', userId, groupId, attachedAt: now })),
    ).toMatch(/CHECK/);
    expect(await dbFailure(db().insert(s.inlinePolicies).values({ accountId, name: 'p', document: '{}', updatedAt: now }))).toMatch(
      /CHECK/,
    );
    await db().insert(s.policyAttachments).values({ policyId: 'ANPAIZTJ4DXE7G6AGAE6M', userId, attachedAt: now });
    expect(
      await dbFailure(db().insert(s.policyAttachments).values({ policyId: 'ANPAIZTJ4DXE7G6AGAE6M', userId, attachedAt: now })),
    ).toMatch(/UNIQUE/);
  });

  it('account ids are exactly 12 digits', async () => {
    expect(await dbFailure(db().insert(s.accounts).values({ id: '12345', rootEmail: 'x@example.com', createdAt: now }))).toMatch(/CHECK/);
    expect(await dbFailure(db().insert(s.accounts).values({ id: '12345678901x', rootEmail: 'y@example.com', createdAt: now }))).toMatch(
      /CHECK/,
    );
  });

  it('a deleted user leaves its virtual MFA device unassigned, not deleted (as in AWS)', async () => {
    const { accountId } = await freshAccount();
    const userId = await userIn(accountId, 'mfa-user');
    const serialNumber = `arn:aws:iam::${accountId}:mfa/mfa-user`;
    await db().insert(s.mfaDevices).values({ serialNumber, accountId, name: 'mfa-user', seedCiphertext: 'x', userId, createdAt: now });
    await db().delete(s.users).where(eq(s.users.id, userId));
    const [device] = await db().select().from(s.mfaDevices).where(eq(s.mfaDevices.serialNumber, serialNumber));
    expect(device!.userId).toBeNull();
  });

  it('seeds the AWS-managed policies with AWS documents, AmazonS3ReadOnlyAccess at v3', async () => {
    const rows = await db().select().from(s.managedPolicies).where(eq(s.managedPolicies.name, 'AmazonS3ReadOnlyAccess'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.arn).toBe('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess');
    expect(rows[0]!.accountId).toBeNull();
    expect(rows[0]!.defaultVersionId).toBe('v3');
    const [version] = await db()
      .select()
      .from(s.policyVersions)
      .where(and(eq(s.policyVersions.policyId, rows[0]!.id), eq(s.policyVersions.versionId, 'v3')));
    expect(JSON.parse(version!.document).Statement[0].Action).toEqual([
      's3:Get*',
      's3:List*',
      's3:Describe*',
      's3-object-lambda:Get*',
      's3-object-lambda:List*',
    ]);
    const names = (await db().select({ name: s.managedPolicies.name }).from(s.managedPolicies)).map((r) => r.name);
    for (const n of [
      'AdministratorAccess',
      'PowerUserAccess',
      'IAMFullAccess',
      'IAMReadOnlyAccess',
      'IAMUserChangePassword',
      'AmazonS3FullAccess',
    ]) {
      expect(names).toContain(n);
    }
  });
});

// Virtual MFA devices: a TOTP seed sealed under MASTER_KEY (bound to the device's serial number),
// assigned to a user or to the root user once enabled with two consecutive codes. Each device records
// the last time step it accepted and never accepts that step or an earlier one again; the check and
// the update are one conditional UPDATE, so two requests racing with the same code cannot both win.
// The IAM API's statements (identity worker) are built here and batched with the audit entry; the
// sign-in worker's enrollment uses the functions that run their own statement.
import { and, asc, eq, gt, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { iamArn } from '../arn';
import { open, seal } from '../crypto/secret-box';
import { generateTotpSecret } from '../crypto/totp';
import type { Db } from '../db/client';
import { mfaDevices } from '../db/schema';
import type { Guard } from './statement';
import { MAX_MFA_DEVICES_PER_USER } from '../quotas';

export type MfaDevice = typeof mfaDevices.$inferSelect;

/** The name AWS gives the root user's virtual device. */
export const ROOT_MFA_DEVICE_NAME = 'root-account-mfa-device';
/** An unassigned device's seed is shown again (not regenerated) for this long, so a reload keeps the scanned QR valid. */
export const PENDING_SEED_REUSE_MS = 30 * 60_000;

export const mfaSeedContext = (serialNumber: string) => `mfa-seed:${serialNumber}`;
export const mfaSerialNumber = (accountId: string, name: string, path = '/') => iamArn(accountId, 'mfa', name, path);

export const openMfaSeed = (masterKey: CryptoKey, device: Pick<MfaDevice, 'serialNumber' | 'seedCiphertext'>) =>
  open(masterKey, device.seedCiphertext, mfaSeedContext(device.serialNumber));

/** CreateVirtualMFADevice: a new unassigned device and its seed (shown once to the caller). */
export async function createVirtualMfaDevice(
  db: Db,
  masterKey: CryptoKey,
  input: { accountId: string; name: string; path?: string; now: Date },
): Promise<{ device: MfaDevice; secret: string }> {
  const serialNumber = mfaSerialNumber(input.accountId, input.name, input.path);
  const secret = generateTotpSecret();
  const [device] = await db
    .insert(mfaDevices)
    .values({
      serialNumber,
      accountId: input.accountId,
      name: input.name,
      path: input.path ?? '/',
      seedCiphertext: await seal(masterKey, secret, mfaSeedContext(serialNumber)),
      createdAt: input.now,
    })
    .returning();
  return { device: device!, secret };
}

export async function getMfaDevice(db: Db, serialNumber: string): Promise<MfaDevice | null> {
  return (await db.select().from(mfaDevices).where(eq(mfaDevices.serialNumber, serialNumber)).get()) ?? null;
}

const ownedBy = (userId: string | null) => (userId === null ? eq(mfaDevices.isRoot, true) : eq(mfaDevices.userId, userId));

/** The enabled devices of a user (or of the account's root user when userId is null). */
export async function enabledMfaDevices(db: Db, accountId: string, userId: string | null): Promise<MfaDevice[]> {
  return db
    .select()
    .from(mfaDevices)
    .where(and(eq(mfaDevices.accountId, accountId), ownedBy(userId), isNotNull(mfaDevices.enabledAt)))
    .all();
}

/**
 * The unassigned device a person enrolls from the hosted page, by name: a fresh one, the pending one
 * again (seed unchanged) if it was made recently AND this browser was shown it (`shownCreatedAt`, the
 * `createdAt` this browser saw), or the pending one with a new seed. Null when the name is taken by a
 * device that is assigned to someone.
 * INVARIANT: a seed is shown again only to the browser it was generated for; a pending device someone
 * else created (CreateVirtualMFADevice, or another person whose name makes the same serial) gets a new
 * seed first, so nobody else holds the seed of a device this person enables.
 */
export async function pendingVirtualMfaDevice(
  db: Db,
  masterKey: CryptoKey,
  input: { accountId: string; name: string; now: Date; shownCreatedAt?: number },
): Promise<{ serialNumber: string; secret: string; createdAt: Date } | null> {
  const existing = await getMfaDevice(db, mfaSerialNumber(input.accountId, input.name));
  if (!existing) {
    const { device, secret } = await createVirtualMfaDevice(db, masterKey, input);
    return { serialNumber: device.serialNumber, secret, createdAt: device.createdAt };
  }
  if (existing.userId !== null || existing.isRoot || existing.enabledAt !== null) return null;
  const shownHere = input.shownCreatedAt === existing.createdAt.getTime();
  if (shownHere && input.now.getTime() - existing.createdAt.getTime() < PENDING_SEED_REUSE_MS) {
    return { serialNumber: existing.serialNumber, secret: await openMfaSeed(masterKey, existing), createdAt: existing.createdAt };
  }
  const secret = generateTotpSecret();
  await db
    .update(mfaDevices)
    .set({ seedCiphertext: await seal(masterKey, secret, mfaSeedContext(existing.serialNumber)), createdAt: input.now, lastUsedStep: null })
    .where(and(eq(mfaDevices.serialNumber, existing.serialNumber), isNull(mfaDevices.userId), isNull(mfaDevices.enabledAt)));
  return { serialNumber: existing.serialNumber, secret, createdAt: input.now };
}

/**
 * EnableMFADevice, after the caller checked two consecutive codes: assigns the device and records the
 * later code's step as used. False when the device is gone or was assigned meanwhile.
 */
export async function enableMfaDevice(
  db: Db,
  input: { serialNumber: string; accountId: string; userId: string | null; lastUsedStep: number; now: Date },
): Promise<boolean> {
  const res = await db
    .update(mfaDevices)
    .set({ userId: input.userId, isRoot: input.userId === null, enabledAt: input.now, lastUsedStep: input.lastUsedStep })
    .where(
      and(
        eq(mfaDevices.serialNumber, input.serialNumber),
        eq(mfaDevices.accountId, input.accountId),
        isNull(mfaDevices.userId),
        eq(mfaDevices.isRoot, false),
        isNull(mfaDevices.enabledAt),
      ),
    )
    .returning({ serialNumber: mfaDevices.serialNumber });
  return res.length === 1;
}

/**
 * Marks a TOTP step used. INVARIANT: true for exactly one caller per (device, step), and never for a
 * step at or below one already used: the condition and the write are one statement.
 */
export async function consumeTotpStep(db: Db, serialNumber: string, step: number): Promise<boolean> {
  const res = await db
    .update(mfaDevices)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(mfaDevices.serialNumber, serialNumber),
        isNotNull(mfaDevices.enabledAt),
        or(isNull(mfaDevices.lastUsedStep), lt(mfaDevices.lastUsedStep, step)),
      ),
    )
    .returning({ serialNumber: mfaDevices.serialNumber });
  return res.length === 1;
}

/** DeactivateMFADevice: the device goes back to unassigned and its used steps are forgotten with its owner. */
export async function deactivateMfaDevice(db: Db, serialNumber: string): Promise<boolean> {
  const res = await db
    .update(mfaDevices)
    .set({ userId: null, isRoot: false, enabledAt: null, lastUsedStep: null })
    .where(and(eq(mfaDevices.serialNumber, serialNumber), or(isNotNull(mfaDevices.userId), gt(mfaDevices.isRoot, false))))
    .returning({ serialNumber: mfaDevices.serialNumber });
  return res.length === 1;
}

// ---- The IAM API's device statements and pages ----

/** The devices of one owner: an IAM user's, or (userId null) the account root user's. Plain SQL, so it reads the same inside subqueries. */
const ownerCondition = (accountId: string, userId: string | null): SQL =>
  userId === null ? sql`account_id = ${accountId} AND is_root = 1` : sql`account_id = ${accountId} AND user_id = ${userId}`;

/** A device of this account; another account's serial number looks exactly like a missing one. */
export function findAccountMfaDevice(db: Db, accountId: string, serialNumber: string): Promise<MfaDevice | undefined> {
  return db
    .select()
    .from(mfaDevices)
    .where(and(eq(mfaDevices.serialNumber, serialNumber), eq(mfaDevices.accountId, accountId)))
    .get();
}

/** CreateVirtualMFADevice's insert; a device with the same path and name fails the primary key. */
export const insertMfaDeviceStatement = (db: Db, row: typeof mfaDevices.$inferInsert) => db.insert(mfaDevices).values(row);

/** How many devices the owner has enabled (the MFADevicesPerUser quota counts these). */
export async function countEnabledMfaDevices(db: Db, accountId: string, userId: string | null): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(mfaDevices)
    .where(and(sql`${ownerCondition(accountId, userId)}`, isNotNull(mfaDevices.enabledAt)))
    .get();
  return row?.n ?? 0;
}

/** One page of the owner's enabled devices (ListMFADevices), ordered by serial number. */
export function listOwnedMfaDevices(db: Db, accountId: string, userId: string | null, opts: { after?: string; limit: number }) {
  return db
    .select()
    .from(mfaDevices)
    .where(
      and(
        sql`${ownerCondition(accountId, userId)}`,
        isNotNull(mfaDevices.enabledAt),
        opts.after === undefined ? undefined : gt(mfaDevices.serialNumber, opts.after),
      ),
    )
    .orderBy(asc(mfaDevices.serialNumber))
    .limit(opts.limit + 1)
    .all();
}

/** One page of the account's virtual devices (ListVirtualMFADevices), ordered by serial number. */
export function listVirtualMfaDevices(
  db: Db,
  accountId: string,
  opts: { status: 'Assigned' | 'Unassigned' | 'Any'; after?: string; limit: number },
) {
  return db
    .select()
    .from(mfaDevices)
    .where(
      and(
        eq(mfaDevices.accountId, accountId),
        opts.status === 'Assigned'
          ? isNotNull(mfaDevices.enabledAt)
          : opts.status === 'Unassigned'
            ? isNull(mfaDevices.enabledAt)
            : undefined,
        opts.after === undefined ? undefined : gt(mfaDevices.serialNumber, opts.after),
      ),
    )
    .orderBy(asc(mfaDevices.serialNumber))
    .limit(opts.limit + 1)
    .all();
}

/** A code pair for `step` (and step - 1) is fresh when both steps are above the last one used (guards a racing request too). */
const freshFor = (step: number) => or(isNull(mfaDevices.lastUsedStep), lt(mfaDevices.lastUsedStep, step - 1));

/**
 * EnableMFADevice: one guarded UPDATE that assigns the device only while it is still unassigned, its
 * codes were not used meanwhile and the owner is below the quota. `enabled` holds after the batch
 * exactly when this statement assigned it.
 */
export function enableMfaDeviceStatement(
  db: Db,
  input: { serialNumber: string; accountId: string; userId: string | null; step: number; now: Date },
) {
  const owner = ownerCondition(input.accountId, input.userId);
  const count = sql`(SELECT count(*) FROM mfa_devices WHERE ${owner} AND enabled_at IS NOT NULL)`;
  const statement = db
    .update(mfaDevices)
    .set({ userId: input.userId, isRoot: input.userId === null, enabledAt: input.now, lastUsedStep: input.step })
    .where(
      and(
        eq(mfaDevices.serialNumber, input.serialNumber),
        isNull(mfaDevices.userId),
        eq(mfaDevices.isRoot, false),
        isNull(mfaDevices.enabledAt),
        freshFor(input.step),
        sql`${count} < ${MAX_MFA_DEVICES_PER_USER}`,
      ),
    );
  const enabled: Guard = sql`EXISTS (SELECT 1 FROM mfa_devices WHERE serial_number = ${input.serialNumber} AND enabled_at = ${input.now.getTime()} AND ${owner})`;
  return { statement, enabled };
}

/** ResyncMFADevice: records the pair's step as used if it is still fresh; `resynced` holds after the batch when it was. */
export function resyncMfaDeviceStatement(db: Db, serialNumber: string, step: number) {
  const statement = db
    .update(mfaDevices)
    .set({ lastUsedStep: step })
    .where(and(eq(mfaDevices.serialNumber, serialNumber), isNotNull(mfaDevices.enabledAt), freshFor(step)));
  const resynced: Guard = sql`EXISTS (SELECT 1 FROM mfa_devices WHERE serial_number = ${serialNumber} AND last_used_step = ${step})`;
  return { statement, resynced };
}

/**
 * DeactivateMFADevice: the device goes back to unassigned. Unlike deactivateMfaDevice, the last used
 * step is kept: codes accepted before deactivation stay spent if the device is enabled again.
 */
export const unassignMfaDeviceStatement = (db: Db, serialNumber: string) =>
  db.update(mfaDevices).set({ userId: null, isRoot: false, enabledAt: null }).where(eq(mfaDevices.serialNumber, serialNumber));

/** DeleteVirtualMFADevice, guarded: a device enabled between the caller's read and this delete is not deleted. */
export const deleteUnassignedMfaDeviceStatement = (db: Db, serialNumber: string) =>
  db.delete(mfaDevices).where(and(eq(mfaDevices.serialNumber, serialNumber), isNull(mfaDevices.enabledAt)));

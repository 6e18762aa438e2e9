// Virtual MFA devices: a TOTP seed sealed under MASTER_KEY (bound to the device's serial number),
// assigned to a user or to the root user once enabled with two consecutive codes. Each device records
// the last time step it accepted and never accepts that step or an earlier one again; the check and
// the update are one conditional UPDATE, so two requests racing with the same code cannot both win.
import { and, eq, gt, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { iamArn } from '../arn';
import { open, seal } from '../auth/secret-box';
import { generateTotpSecret } from '../auth/totp';
import type { Db } from '../db/client';
import { mfaDevices } from '../db/schema';

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

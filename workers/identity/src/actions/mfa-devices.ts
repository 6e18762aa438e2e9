// Virtual MFA devices: CreateVirtualMFADevice, EnableMFADevice, ResyncMFADevice, DeactivateMFADevice,
// DeleteVirtualMFADevice, ListMFADevices, ListVirtualMFADevices, GetMFADevice. The seed is shown once
// (base64 of the base32 text, and a PNG QR code, as AWS returns both) and stored sealed. Enabling
// needs two codes for consecutive 30-second steps. Without UserName, an action applies to the caller,
// so the root user enables its own device. INVARIANT: every write that accepts a code also records its
// step, in one conditional UPDATE that refuses a step at or below the last one used (no replay).
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { seal, generateTotpSecret, totpUri, verifyConsecutiveTotp } from '@edge-iam/core/crypto';
import { qrCodePng, bytesToBase64, utf8 } from '@edge-iam/core/util';
import {
  getAccountAlias,
  countEnabledMfaDevices,
  deleteMfaDeviceTagsStatement,
  putTagsStatements,
  deleteUnassignedMfaDeviceStatement,
  enableMfaDeviceStatement,
  insertMfaDeviceStatement,
  listOwnedMfaDevices,
  listVirtualMfaDevices,
  MAX_MFA_DEVICES_PER_USER,
  mfaSeedContext,
  mfaSerialNumber,
  openMfaSeed,
  resyncMfaDeviceStatement,
  unassignMfaDeviceStatement,
  type MfaDevice,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { marker, maxItems, name64, path, tagList } from '../params';
import { checkMfaDeviceTags } from './mfa-device-tags';
import { resourceFacts } from './request-facts';
import { credentialOwner } from './credential-owner';
import {
  assignedUserShape,
  authenticationCode,
  findDevice,
  invalidCode,
  isAssigned,
  noSuchVirtualDevice,
  requireOwnedDevice,
  serialNumber,
  virtualMfaDeviceName,
} from './mfa-lookup';

/** Shown by authenticator apps next to the account name, as the sign-in worker's enrollment does. */
const TOTP_ISSUER = 'edge-iam';

/** The two codes of Enable/Resync: consecutive steps around now, both after the last step used. */
async function checkCodePair(ctx: ActionContext, device: MfaDevice, code1: string, code2: string): Promise<number> {
  const step = verifyConsecutiveTotp(await openMfaSeed(ctx.keys.masterKey, device), code1, code2, ctx.now);
  if (step === null || (device.lastUsedStep !== null && step - 1 <= device.lastUsedStep)) throw invalidCode();
  return step;
}

export const mfaDevicesActions: ActionTable = {
  CreateVirtualMFADevice: action(
    z.object({ VirtualMFADeviceName: virtualMfaDeviceName, Path: path.optional(), Tags: tagList.optional() }),
    async (ctx, p) => {
      const devicePath = p.Path ?? '/';
      const serial = mfaSerialNumber(ctx.accountId, p.VirtualMFADeviceName, devicePath);
      const tags = p.Tags ?? [];
      const facts = { resourceTags: [], requestTags: tags };
      await ctx.authorize(serial, { facts });
      if (tags.length > 0) await ctx.authorize(serial, { action: 'iam:TagMFADevice', facts });
      checkMfaDeviceTags([], tags);
      const secret = generateTotpSecret();
      const row = {
        serialNumber: serial,
        accountId: ctx.accountId,
        name: p.VirtualMFADeviceName,
        path: devicePath,
        seedCiphertext: await seal(ctx.keys.masterKey, secret, mfaSeedContext(serial)),
        createdAt: ctx.now,
      };
      const exists = () => new IamError('EntityAlreadyExists', 'MFADevice entity at the same path and name already exists.');
      await ctx.commit([insertMfaDeviceStatement(ctx.db, row), ...putTagsStatements(ctx.db, serial, tags)], serial, exists);
      // AWS's URI form: otpauth://totp/<device name>@<account alias, else account id>?secret=<base32>
      const alias = await getAccountAlias(ctx.db, ctx.accountId);
      const uri = totpUri({ secret, issuer: TOTP_ISSUER, label: `${p.VirtualMFADeviceName}@${alias ?? ctx.accountId}` });
      // INVARIANT: the only time the seed leaves the service. Both are blobs: base64 on the wire, as in AWS.
      return {
        VirtualMFADevice: {
          SerialNumber: serial,
          Base32StringSeed: bytesToBase64(utf8.encode(secret)),
          QRCodePNG: bytesToBase64(await qrCodePng(uri)),
          Tags: tags.length > 0 ? tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined,
        },
      };
    },
  ),

  EnableMFADevice: action(
    z.object({
      UserName: name64.optional(),
      SerialNumber: serialNumber,
      AuthenticationCode1: authenticationCode,
      AuthenticationCode2: authenticationCode,
    }),
    async (ctx, p) => {
      const owner = await credentialOwner(ctx, p.UserName);
      await ctx.authorize(owner.arn, { facts: owner.facts });
      const device = await findDevice(ctx, p.SerialNumber);
      if (!device) throw noSuchVirtualDevice(p.SerialNumber);
      const inUse = () => new IamError('EntityAlreadyExists', 'MFA Device is already in use.');
      if (isAssigned(device) || device.userId !== null || device.isRoot) throw inUse();
      const step = await checkCodePair(ctx, device, p.AuthenticationCode1, p.AuthenticationCode2);
      const full = () => new IamError('LimitExceeded', `Cannot exceed quota for MFADevicesPerUser: ${MAX_MFA_DEVICES_PER_USER}`);
      // One guarded UPDATE: still unassigned, codes not used meanwhile, and the owner below the quota.
      const enable = enableMfaDeviceStatement(ctx.db, {
        serialNumber: device.serialNumber,
        accountId: ctx.accountId,
        userId: owner.userId,
        step,
        now: ctx.now,
      });
      await ctx.commit([enable.statement], device.serialNumber, undefined, enable.enabled);
      const after = await findDevice(ctx, device.serialNumber);
      if (after?.enabledAt?.getTime() === ctx.now.getTime() && (owner.userId === null ? after.isRoot : after.userId === owner.userId))
        return undefined;
      if (after && isAssigned(after)) throw inUse();
      if ((await countEnabledMfaDevices(ctx.db, ctx.accountId, owner.userId)) >= MAX_MFA_DEVICES_PER_USER) throw full();
      throw invalidCode(); // the codes were used by a racing request
    },
  ),

  ResyncMFADevice: action(
    z.object({
      UserName: name64.optional(),
      SerialNumber: serialNumber,
      AuthenticationCode1: authenticationCode,
      AuthenticationCode2: authenticationCode,
    }),
    async (ctx, p) => {
      const owner = await credentialOwner(ctx, p.UserName);
      await ctx.authorize(owner.arn, { facts: owner.facts });
      const device = await requireOwnedDevice(ctx, p.SerialNumber, owner);
      // A virtual device's clock is its phone's, so there is no counter to move: resync proves the device
      // still produces consecutive codes now, and records their step as used.
      const step = await checkCodePair(ctx, device, p.AuthenticationCode1, p.AuthenticationCode2);
      const resync = resyncMfaDeviceStatement(ctx.db, device.serialNumber, step);
      await ctx.commit([resync.statement], device.serialNumber, undefined, resync.resynced);
      const after = await findDevice(ctx, device.serialNumber);
      if (after?.lastUsedStep !== step) throw invalidCode();
      return undefined;
    },
  ),

  DeactivateMFADevice: action(z.object({ UserName: name64.optional(), SerialNumber: serialNumber }), async (ctx, p) => {
    const owner = await credentialOwner(ctx, p.UserName);
    await ctx.authorize(owner.arn, { facts: owner.facts });
    const device = await requireOwnedDevice(ctx, p.SerialNumber, owner);
    // The last used step is kept: codes accepted before deactivation stay spent if the device is enabled again.
    await ctx.commit([unassignMfaDeviceStatement(ctx.db, device.serialNumber)], device.serialNumber);
    return undefined;
  }),

  DeleteVirtualMFADevice: action(z.object({ SerialNumber: serialNumber }), async (ctx, p) => {
    const device = await findDevice(ctx, p.SerialNumber);
    if (!device) return ctx.missing(p.SerialNumber, noSuchVirtualDevice(p.SerialNumber));
    await ctx.authorize(device.serialNumber, { facts: await resourceFacts(ctx, device.serialNumber) });
    if (isAssigned(device)) throw new IamError('DeleteConflict', 'Cannot delete entity, must deactivate MFA device first.');
    // Guarded: a device enabled between the read and the delete is not deleted (and keeps its tags).
    await ctx.commit(
      [deleteUnassignedMfaDeviceStatement(ctx.db, device.serialNumber), deleteMfaDeviceTagsStatement(ctx.db, device.serialNumber)],
      device.serialNumber,
    );
    return undefined;
  }),

  ListMFADevices: action(
    z.object({ UserName: name64.optional(), Marker: marker.optional(), MaxItems: maxItems.optional() }),
    async (ctx, p) => {
      const owner = await credentialOwner(ctx, p.UserName);
      await ctx.authorize(owner.arn, { facts: owner.facts });
      const after = decodeMarker(p.Marker);
      const limit = p.MaxItems ?? DEFAULT_MAX_ITEMS;
      const rows = await listOwnedMfaDevices(ctx.db, ctx.accountId, owner.userId, { after, limit });
      const pg = page(rows, limit, (d) => d.serialNumber);
      return {
        // The root user has no user name; AWS shows the account there.
        MFADevices: pg.items.map((d) => ({
          UserName: owner.userName ?? ctx.accountId,
          SerialNumber: d.serialNumber,
          EnableDate: d.enabledAt,
        })),
        IsTruncated: pg.IsTruncated,
        Marker: pg.Marker,
      };
    },
  ),

  GetMFADevice: action(z.object({ SerialNumber: serialNumber, UserName: name64.optional() }), async (ctx, p) => {
    const owner = await credentialOwner(ctx, p.UserName);
    await ctx.authorize(owner.arn, { facts: owner.facts });
    const device = await requireOwnedDevice(ctx, p.SerialNumber, owner);
    return { UserName: owner.userName, SerialNumber: device.serialNumber, EnableDate: device.enabledAt };
  }),

  ListVirtualMFADevices: action(
    z.object({
      AssignmentStatus: z
        .enum(['Assigned', 'Unassigned', 'Any'], { error: () => 'Member must satisfy enum value set: [Unassigned, Any, Assigned]' })
        .optional(),
      Marker: marker.optional(),
      MaxItems: maxItems.optional(),
    }),
    async (ctx, p) => {
      // An account-wide listing: AWS authorizes it on resource "*".
      await ctx.authorize('*');
      const status = p.AssignmentStatus ?? 'Any';
      const after = decodeMarker(p.Marker);
      const limit = p.MaxItems ?? DEFAULT_MAX_ITEMS;
      const rows = await listVirtualMfaDevices(ctx.db, ctx.accountId, { status, after, limit });
      const pg = page(rows, limit, (d) => d.serialNumber);
      const devices = await Promise.all(
        pg.items.map(async (d) => ({
          SerialNumber: d.serialNumber,
          User: isAssigned(d) ? await assignedUserShape(ctx, d) : undefined,
          EnableDate: d.enabledAt ?? undefined,
        })),
      );
      return { VirtualMFADevices: devices, IsTruncated: pg.IsTruncated, Marker: pg.Marker };
    },
  ),
};

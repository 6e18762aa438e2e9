// What the virtual MFA actions share: their parameters, AWS's error wording, finding a device of this
// account, whether a device belongs to a credential owner, and the shapes the IAM API returns.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { rootArn } from '@edge-iam/core/arn';
import type { XmlStruct } from '@edge-iam/core/aws';
import { findAccountMfaDevice, type MfaDevice, findUserById } from '@edge-iam/core/repo';
import type { ActionContext } from '../context';
import { userShape } from '../entities';
import { awsString } from '../params';
import type { CredentialOwner } from './credential-owner';

export const serialNumber = awsString(9, 256, /^[\w+=/:,.@-]+$/, '[\\w+=/:,.@-]+');
export const authenticationCode = awsString(6, 6, /^[\d]+$/, '[\\d]+');
export const virtualMfaDeviceName = awsString(1, 226, /^[\w+=,.@-]+$/, '[\\w+=,.@-]+');

export const noSuchVirtualDevice = (serial: string) =>
  new IamError('NoSuchEntity', `VirtualMFADevice with serial number ${serial} doesn't exist.`);
export const noSuchDeviceForOwner = (serial: string, owner: CredentialOwner) =>
  new IamError(
    'NoSuchEntity',
    `MFA Device with serial number ${serial} does not exist for ${owner.userName ? `user ${owner.userName}` : 'the root user'}.`,
  );
export const invalidCode = () => new IamError('InvalidAuthenticationCode', 'Authentication code for device is not valid.');

/** A device of this account; another account's serial number looks exactly like a missing one. */
export async function findDevice(ctx: ActionContext, serial: string): Promise<MfaDevice | undefined> {
  return findAccountMfaDevice(ctx.db, ctx.accountId, serial);
}

export const isAssigned = (d: MfaDevice) => d.enabledAt !== null && (d.userId !== null || d.isRoot);

export const belongsTo = (d: MfaDevice, owner: CredentialOwner) =>
  isAssigned(d) && (owner.userId === null ? d.isRoot : d.userId === owner.userId);

/** An enabled device of `owner`, or NoSuchEntity. */
export async function requireOwnedDevice(ctx: ActionContext, serial: string, owner: CredentialOwner): Promise<MfaDevice> {
  const device = await findDevice(ctx, serial);
  if (!device || !belongsTo(device, owner)) throw noSuchDeviceForOwner(serial, owner);
  return device;
}

/** The User element of ListVirtualMFADevices: the IAM user, or the root user as AWS shows it. */
export async function assignedUserShape(ctx: ActionContext, d: MfaDevice): Promise<XmlStruct | undefined> {
  if (d.isRoot) return { UserId: ctx.accountId, Arn: rootArn(ctx.accountId), CreateDate: d.enabledAt ?? d.createdAt };
  if (!d.userId) return undefined;
  const user = await findUserById(ctx.db, d.userId);
  return user ? userShape({ user, boundaryArn: null }) : undefined;
}
